#include "graph/pdf_normalize.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <string>
#include <vector>

namespace kgrep {
namespace {

std::string Compress(const std::string& text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(size, '\0');
  EXPECT_EQ(Z_OK, compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                            reinterpret_cast<const Bytef*>(text.data()),
                            static_cast<uLong>(text.size()), 9));
  out.resize(size);
  return out;
}

std::string Uncompress(const std::string& data) {
  std::string out(1 << 16, '\0');
  uLongf size = out.size();
  EXPECT_EQ(Z_OK, uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                             reinterpret_cast<const Bytef*>(data.data()),
                             static_cast<uLong>(data.size())));
  out.resize(size);
  return out;
}

// A PDF laid out as cairo writes one: a compressed page content stream whose
// /Length is an object of its own, an info dictionary with a time stamp, a
// cross-reference table of 20-byte entries.
std::string CairoLikePdf(const std::string& content, const std::string& stamp) {
  const std::string data = Compress(content);
  std::vector<std::string> objects = {
      "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
      "2 0 obj\n<< /Length 3 0 R\n   /Filter /FlateDecode\n>>\nstream\n" + data +
          "\nendstream\nendobj\n",
      "3 0 obj\n   " + std::to_string(data.size()) + "\nendobj\n",
      "4 0 obj\n<< /Producer (cairo) /CreationDate (D:" + stamp + "Z) >>\nendobj\n",
  };
  std::string pdf = "%PDF-1.5\n%\xB5\xED\xAE\xFB\n";
  std::vector<size_t> offsets;
  for (const std::string& o : objects) {
    offsets.push_back(pdf.size());
    pdf += o;
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 5\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size 5\n   /Root 1 0 R\n   /Info 4 0 R\n>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// The page content of `pdf`, uncompressed, checking on the way that the
// table points at every object and /Length at the end of the stream.
std::string PageContent(const std::string& pdf) {
  const size_t startxref = pdf.rfind("startxref\n");
  const size_t xref = std::stoul(pdf.substr(startxref + 10));
  EXPECT_EQ(0u, pdf.compare(xref, 4, "xref"));
  for (int n = 1; n <= 4; ++n) {
    const size_t entry = xref + 9 + 20 * static_cast<size_t>(n);  // "xref\n0 5\n"
    const size_t offset = std::stoul(pdf.substr(entry, 10));
    EXPECT_EQ(0u, pdf.compare(offset, 7, std::to_string(n) + " 0 obj")) << "object " << n;
  }
  const size_t length_at = std::stoul(pdf.substr(xref + 9 + 20 * 3, 10));
  const size_t length = std::stoul(pdf.substr(length_at + 8));
  const size_t begin = pdf.find("stream\n") + 7;
  EXPECT_EQ(0u, pdf.compare(begin + length, 10, "\nendstream"));
  return Uncompress(pdf.substr(begin, length));
}

TEST(PdfNormalizeTest, RoundsNumbersOfFourDecimalsOrMore) {
  EXPECT_EQ("9 0 0 -9 932 1337.508 Tm", RoundPdfNumbers("9 0 0 -9 932 1337.507812 Tm"));
  EXPECT_EQ("9 0 0 -9 932 1337.508 Tm", RoundPdfNumbers("9 0 0 -9 932 1337.507813 Tm"));
  EXPECT_EQ("0.333 0.5 rg 0 1.25 [] 0.0 d", RoundPdfNumbers("0.333333 0.5000 rg -0.00004 1.25 [] 0.0 d"));
  EXPECT_EQ("[(1.234567)12.5(x)]TJ <0012.34567> /F1.23456",
            RoundPdfNumbers("[(1.234567)12.5(x)]TJ <0012.34567> /F1.23456"));
  EXPECT_EQ("(a \\) 2.345678) 2.346", RoundPdfNumbers("(a \\) 2.345678) 2.345678"));
  EXPECT_EQ("- . -0.123 0.123", RoundPdfNumbers("- . -.123456 .1234"));
}

TEST(PdfNormalizeTest, TwoRunsThatDifferInTheSixthDecimalGiveTheSameBytes) {
  std::string a = CairoLikePdf("BT 9 0 0 -9 932 1337.507812 Tm ET\n0.333333 rg\n", "20261129091500");
  std::string b = CairoLikePdf("BT 9 0 0 -9 932 1337.507813 Tm ET\n0.333333 rg\n", "20261129091517");
  ASSERT_NE(a, b);
  ASSERT_TRUE(NormalizePdf(&a));
  ASSERT_TRUE(NormalizePdf(&b));
  EXPECT_EQ(a, b);
  EXPECT_EQ("BT 9 0 0 -9 932 1337.508 Tm ET\n0.333 rg\n", PageContent(a));
  EXPECT_NE(std::string::npos, a.find("/CreationDate (D:19700101000000Z)"));
  // Normalised once is normalised.
  std::string again = a;
  ASSERT_TRUE(NormalizePdf(&again));
  EXPECT_EQ(a, again);
}

TEST(PdfNormalizeTest, LeavesWhatItCannotReadAsItWas) {
  for (std::string text : {std::string(""), std::string("not a pdf"),
                           std::string("%PDF-1.5\nstartxref\n999\n%%EOF\n"),
                           std::string("%PDF-1.5\nxref\n0 1\nstartxref\n9\n%%EOF\n")}) {
    std::string copy = text;
    EXPECT_FALSE(NormalizePdf(&copy)) << text;
    EXPECT_EQ(text, copy);
  }
  // A content stream cut short.
  std::string pdf = CairoLikePdf("BT 1.234567 Tm ET\n", "20261129091500");
  const size_t begin = pdf.find("stream\n") + 7;
  pdf[begin + 3] = static_cast<char>(pdf[begin + 3] ^ 0x5A);
  std::string copy = pdf;
  EXPECT_FALSE(NormalizePdf(&copy));
  EXPECT_EQ(pdf.substr(0, pdf.find("/CreationDate")), copy.substr(0, copy.find("/CreationDate")));
}

}  // namespace
}  // namespace kgrep
