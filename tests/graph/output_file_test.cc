#include "graph/output_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kgrep {
namespace {

// A fresh directory per test, removed with its files afterwards.
class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "kgrep_output_XXXXXX";
    ASSERT_NE(nullptr, ::mkdtemp(pattern.data()));
    dir_ = pattern;
  }

  void TearDown() override {
    for (const std::string& name : Entries()) {
      ::unlink((dir_ + "/" + name).c_str());
    }
    ::rmdir(dir_.c_str());
  }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir_.c_str())) {
      while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
      }
      ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }

  static WriteResult Fill(std::ostream& out, const std::string& text) {
    out << text;
    return WriteResult::Ok();
  }

  std::string dir_;
};

TEST_F(OutputFileTest, WritesNewFileAndLeavesNoTemporary) {
  const std::string path = dir_ + "/graph.graphml";
  WriteResult result = WriteFileAtomically(
      path, [](std::ostream& out) { return Fill(out, "<graphml/>\n"); });
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ("", result.error);
  EXPECT_EQ("<graphml/>\n", Read(path));
  EXPECT_EQ(std::vector<std::string>({"graph.graphml"}), Entries());
}

TEST_F(OutputFileTest, ReplacesExistingFile) {
  const std::string path = dir_ + "/g.dot";
  std::ofstream(path) << "old content that is longer than the new one\n";
  ASSERT_TRUE(WriteFileAtomically(path, [](std::ostream& out) {
                return Fill(out, "new\n");
              }).ok);
  EXPECT_EQ("new\n", Read(path));
  EXPECT_EQ(std::vector<std::string>({"g.dot"}), Entries());
}

TEST_F(OutputFileTest, NewFileModeFollowsUmask) {
  const mode_t old_mask = ::umask(022);
  const std::string path = dir_ + "/g.dot";
  WriteResult result =
      WriteFileAtomically(path, [](std::ostream& out) { return Fill(out, "x"); });
  ::umask(old_mask);
  ASSERT_TRUE(result.ok) << result.error;
  struct stat info;
  ASSERT_EQ(0, ::stat(path.c_str(), &info));
  EXPECT_EQ(0644u, info.st_mode & 0777);
}

TEST_F(OutputFileTest, FillFailureKeepsOldFileAndRemovesTemporary) {
  const std::string path = dir_ + "/g.dot";
  std::ofstream(path) << "old\n";
  WriteResult result = WriteFileAtomically(path, [](std::ostream& out) {
    out << "partial";
    return WriteResult::Error("internal error: graph is not finalized");
  });
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("cannot write '" + path +
                "': internal error: graph is not finalized",
            result.error);
  EXPECT_EQ("old\n", Read(path));
  EXPECT_EQ(std::vector<std::string>({"g.dot"}), Entries());
}

TEST_F(OutputFileTest, FailureLeavesNoFile) {
  const std::string path = dir_ + "/never.graphml";
  WriteResult result = WriteFileAtomically(path, [](std::ostream& out) {
    out << "partial";
    return WriteResult::Error("boom");
  });
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(OutputFileTest, ExceptionInFillRemovesTemporary) {
  const std::string path = dir_ + "/never.graphml";
  EXPECT_THROW(WriteFileAtomically(path,
                                   [](std::ostream& out) -> WriteResult {
                                     out << "partial";
                                     throw std::runtime_error("fill failed");
                                   }),
               std::runtime_error);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(OutputFileTest, MissingDirectoryIsOneLineError) {
  const std::string path = dir_ + "/missing/graph.dot";
  WriteResult result =
      WriteFileAtomically(path, [](std::ostream& out) { return Fill(out, "x"); });
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("cannot write '" + path + "': No such file or directory",
            result.error);
}

TEST_F(OutputFileTest, DirectoryAsTargetIsAnError) {
  WriteResult result =
      WriteFileAtomically(dir_, [](std::ostream& out) { return Fill(out, "x"); });
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("cannot write '" + dir_ + "': Is a directory", result.error);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(OutputFileTest, TrailingSlashIsNotAFileName) {
  const std::string path = dir_ + "/nothing/";
  WriteResult result =
      WriteFileAtomically(path, [](std::ostream& out) { return Fill(out, "x"); });
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("cannot write '" + path + "': not a file name", result.error);
}

TEST_F(OutputFileTest, DevicesAreWrittenInPlace) {
  WriteResult result = WriteFileAtomically(
      "/dev/null", [](std::ostream& out) { return Fill(out, "discarded"); });
  EXPECT_TRUE(result.ok) << result.error;
}

TEST_F(OutputFileTest, FullDeviceReportsNoSpace) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  WriteResult result = WriteFileAtomically("/dev/full", [](std::ostream& out) {
    return Fill(out, std::string(100000, 'x'));
  });
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("cannot write '/dev/full': No space left on device", result.error);
}

TEST_F(OutputFileTest, DashWritesStandardOutput) {
  std::ostringstream captured;
  std::streambuf* old = std::cout.rdbuf(captured.rdbuf());
  WriteResult result = WriteFileAtomically(
      "-", [](std::ostream& out) { return Fill(out, "to stdout\n"); });
  std::cout.rdbuf(old);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ("to stdout\n", captured.str());
  EXPECT_TRUE(Entries().empty());
}

TEST_F(OutputFileTest, DashReportsStandardOutputErrors) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  std::cout.flush();
  std::fflush(stdout);
  const int saved = ::dup(STDOUT_FILENO);
  const int full = ::open("/dev/full", O_WRONLY);
  ASSERT_GE(saved, 0);
  ASSERT_GE(full, 0);
  ::dup2(full, STDOUT_FILENO);
  WriteResult result = WriteFileAtomically("-", [](std::ostream& out) {
    return Fill(out, std::string(100000, 'x'));
  });
  // Drop whatever stdio still holds for the full device, then restore.
  std::fflush(stdout);
  std::clearerr(stdout);
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  ::close(full);
  std::cout.clear();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("cannot write to standard output: No space left on device",
            result.error);
}

}  // namespace
}  // namespace kgrep
