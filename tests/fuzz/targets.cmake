# The fuzz targets, shared by the libFuzzer build (CMakeLists.txt beside this
# file, KGREP_FUZZ=ON) and the replay build (replay.cmake, part of the tests).
#
# kgrep_fuzz_executable(TARGET NAME [SOURCES...]) builds tests/fuzz/NAME.cc
# (and SOURCES) as TARGET, linked as the fuzz target NAME needs.
#
# With KGREP_FUZZ this is read before the top-level CMakeLists.txt finds the
# libraries, so it finds what it needs itself.

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(KGREP_FUZZ_CGRAPH QUIET IMPORTED_TARGET libcgraph)
  # Optional: without libxml2, fuzz_writers writes GraphML, GEXF and the page
  # but does not parse them back.
  pkg_check_modules(KGREP_FUZZ_LIBXML2 QUIET IMPORTED_TARGET libxml-2.0)
endif()
find_package(nlohmann_json 3 QUIET CONFIG)
if(NOT KGREP_FUZZ_CGRAPH_FOUND OR NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "the fuzz targets need Graphviz cgraph and nlohmann-json. "
                      "On Debian: apt-get install pkg-config libgraphviz-dev nlohmann-json3-dev")
endif()
if(NOT KGREP_FUZZ_LIBXML2_FOUND)
  message(STATUS "libxml2 not found: fuzz_writers does not parse GraphML, GEXF and the "
                 "HTML page back (apt-get install libxml2-dev)")
endif()

set(kgrep_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})

function(kgrep_fuzz_executable target name)
  add_executable(${target} ${kgrep_fuzz_dir}/${name}.cc ${ARGN})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_definitions(${target} PRIVATE KGREP_RULES_DIR="${PROJECT_SOURCE_DIR}/rules")
  target_link_libraries(${target} PRIVATE kgrep::graph kgrep::extract kgrep_warnings
    PkgConfig::KGREP_FUZZ_CGRAPH nlohmann_json::nlohmann_json)
  if(KGREP_FUZZ_LIBXML2_FOUND)
    target_compile_definitions(${target} PRIVATE KGREP_FUZZ_HAVE_LIBXML2)
    target_link_libraries(${target} PRIVATE PkgConfig::KGREP_FUZZ_LIBXML2)
  endif()
endfunction()

set(kgrep_fuzz_names fuzz_pack fuzz_document fuzz_writers)
