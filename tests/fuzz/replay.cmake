# Every fuzz target, built with any compiler as a plain program that replays
# the inputs kept in tests/fuzz/<target>/ (seeds and the crashes once found):
# CTest runs fuzz.<target> on them. Included from tests/CMakeLists.txt.

include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
foreach(name IN LISTS kgrep_fuzz_names)
  kgrep_fuzz_executable(${name}_replay ${name} ${kgrep_fuzz_dir}/replay_main.cc)
  add_test(NAME fuzz.${name} COMMAND ${name}_replay ${kgrep_fuzz_dir}/${name})
  set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT 300)
endforeach()
