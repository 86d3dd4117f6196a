// kgrep: turns documents into a knowledge graph. This file only parses the
// command line and dispatches to one function per subcommand.

#include <CLI/CLI.hpp>

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <iostream>

#include "cli/exit_status.h"
#include "cli/eval_command.h"
#include "cli/explain_command.h"
#include "cli/pack_commands.h"
#include "cli/extract_command.h"
#include "cli/graph_output.h"
#include "cli/merge_command.h"
#include "cli/output_writer.h"

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // Each document allocates and frees buffers of a few times its size. By
  // default glibc hands such memory back to the kernel after every document
  // and faults it in again for the next, which cost a quarter of the run
  // time on a corpus; keep up to 256 MB of freed memory for reuse instead.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
  CLI::App app{"kgrep: extract who welcomed, thanked and represents whom from documents, "
               "as a graph (GraphML, GEXF, JSON, Neo4j, DOT, diagrams)"};
  app.set_version_flag("--version", std::string("kgrep ") + KGREP_VERSION);
  app.require_subcommand(1);

  kgrep::ExtractCommand extract;
  CLI::App* ex = app.add_subcommand("extract", "Extract one merged graph from documents");
  ex->add_option("--rules", extract.rules,
                 "Rule pack (YAML); repeat to combine. Default: the bundled diplomacy pack")
      ->type_name("PACK");
  kgrep::AddGraphOutputOptions(ex, &extract.out);
  ex->add_option("--emit", extract.emit,
                 "graph, or fragments: one JSON line per document for 'kgrep merge'")
      ->check(CLI::IsMember({"graph", "fragments"}))
      ->capture_default_str();
  ex->add_option("--glob", extract.glob, "Files to take from directories (default *.txt)")
      ->type_name("PATTERN");
  ex->add_flag("--jsonl", extract.jsonl,
               "Inputs are JSON Lines: one {\"id\": ..., \"text\": ...} per line");
  ex->add_option("-j,--jobs", extract.jobs, "Threads (default: all cores); the output is the same")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  ex->add_flag("-q,--quiet", extract.quiet, "No progress line or summary on a terminal");
  ex->add_flag("--progress", extract.progress,
               "Progress and summary on standard error even when it is not a terminal");
  ex->add_flag("-k,--keep-going", extract.keep_going,
               "Report a document that cannot be read or extracted, leave it out and go on; "
               "exit 3 if any was left out");
  ex->add_option("--max-document-bytes", extract.max_document_bytes,
                 "A larger document is an error (exit 1); 0 = no limit; suffixes KiB, MiB, GiB")
      ->type_name("SIZE")
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(CLI::Validator(
          [](const std::string& v) {
            return !v.empty() && v[0] == '-' ? std::string("a size cannot be negative")
                                             : std::string();
          },
          ""))
      ->capture_default_str();
  ex->add_option("--regex-memory", extract.regex_memory_mb,
                 "RE2 memory budget per pattern, in MiB: a pattern that needs more is an "
                 "error of the pack")
      ->type_name("MB")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  ex->add_option("inputs", extract.inputs,
                 "Documents (UTF-8 text), directories (searched recursively), - for stdin")
      ->required()
      ->type_name("INPUT");

  kgrep::MergeCommand merge;
  CLI::App* mg = app.add_subcommand(
      "merge", "Merge graph fragments (extract --emit fragments) into one graph");
  kgrep::AddGraphOutputOptions(mg, &merge.out);
  mg->add_option("--emit", merge.emit,
                 "graph, or fragments: all the parts' fragments as one part, sorted")
      ->check(CLI::IsMember({"graph", "fragments"}))
      ->capture_default_str();
  mg->add_option("--rules", merge.rules,
                 "Rule pack for the diagram style and to check --relations; repeat to combine")
      ->type_name("PACK");
  mg->add_option("-j,--jobs", merge.jobs,
                 "Threads for the analytics and the GraphML (default: all cores); the output "
                 "is the same")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  mg->add_flag("-q,--quiet", merge.quiet, "No progress line or summary on a terminal");
  mg->add_flag("--progress", merge.progress,
               "Progress and summary on standard error even when it is not a terminal");
  mg->add_option("parts", merge.parts, "Fragment files (JSON Lines), - for stdin")
      ->required()
      ->type_name("PART");

  kgrep::ExplainCommand explain;
  CLI::App* ex2 = app.add_subcommand(
      "explain", "Show how a document was read: segmentation, mentions, relations, and why");
  ex2->add_option("--rules", explain.rules, "Rule pack (YAML); repeat to combine")
      ->type_name("PACK");
  ex2->add_option("--entity", explain.entity, "Only what concerns entities matching NAME")
      ->type_name("NAME");
  ex2->add_option("--relation", explain.relation, "Only relations with this predicate")
      ->type_name("PRED");
  ex2->add_option("--html", explain.html,
                  "Write one self-contained HTML page to FILE instead of the text report")
      ->type_name("FILE");
  ex2->add_flag("--watch", explain.watch,
                "Rerun whenever the document or a rule-pack file changes; Ctrl-C to stop");
  ex2->add_option("input", explain.input, "Document (UTF-8 text); - for stdin")
      ->required()
      ->type_name("INPUT");

  kgrep::CheckCommand check_cmd;
  CLI::App* check = app.add_subcommand(
      "check", "Validate rule packs: report every problem with file:line:col");
  check->add_flag("--print-patterns", check_cmd.print_patterns,
                  "Instead of the summary, print every compiled pattern as one JSON line: "
                  "{\"kind\", \"id\", \"type\", \"pattern\"}, the pattern after macro "
                  "expansion, as RE2 compiled it (a gazetteer: the regex of its forms); kind: "
                  "entity, gazetteer, relation, cleanup, speaker, resolution");
  check->add_option("packs", check_cmd.packs, "Rule packs (YAML), loaded together")
      ->required()
      ->type_name("PACK");

  kgrep::TestCommand test;
  CLI::App* test_cmd = app.add_subcommand("test", "Run the tests rule packs carry (tests:)");
  test_cmd->add_option("packs", test.packs, "Rule packs (YAML). Default: the bundled pack")
      ->type_name("PACK");
  test_cmd->add_flag("--require-coverage", test.require_coverage,
                     "Fail when an entity or relation rule has no test that exercises it");
  test_cmd->add_flag("-v,--verbose", test.verbose, "List passing tests too");

  kgrep::EvalCommand eval;
  CLI::App* ev = app.add_subcommand(
      "eval", "Score the graph of a document against a gold annotation (YAML)");
  ev->add_option("--gold", eval.gold,
                 "Gold annotation of the document (format: examples/GOLD-FORMAT.md)")
      ->required()
      ->type_name("GOLD");
  ev->add_option("--rules", eval.rules,
                 "Rule pack (YAML); repeat to combine. Default: the bundled diplomacy pack")
      ->type_name("PACK");
  ev->add_flag("--json", eval.json, "Print one JSON object");
  ev->add_flag("--quiet", eval.quiet, "Only the two summary lines, no error lists");
  ev->add_option("--min-entity-f1", eval.min_entity_f1, "Exit 1 if the entity F1 is below F")
      ->type_name("F")
      ->check(CLI::Range(0.0, 1.0));
  ev->add_option("--min-relation-f1", eval.min_relation_f1,
                 "Exit 1 if the relation F1 is below F")
      ->type_name("F")
      ->check(CLI::Range(0.0, 1.0));
  ev->add_option("input", eval.input, "Document (UTF-8 text); - for stdin")
      ->required()
      ->type_name("INPUT");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "kgrep: " << e.what() << "\n";
    std::cerr << "Run 'kgrep --help' for usage.\n";
    return kgrep::kExitUsage;
  }
  if (ex->parsed()) return kgrep::RunExtract(extract, argv[0]);
  if (mg->parsed()) return kgrep::RunMerge(merge, argv[0]);
  if (check->parsed()) return kgrep::RunCheck(check_cmd, argv[0]);
  if (ev->parsed()) return kgrep::RunEval(eval, argv[0]);
  if (test_cmd->parsed()) return kgrep::RunTest(test, argv[0]);
  if (ex2->parsed()) {
    explain.color = isatty(STDOUT_FILENO);
    return kgrep::RunExplain(explain, argv[0]);
  }
  return kgrep::kExitUsage;
}
