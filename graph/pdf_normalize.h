// Makes a PDF that Graphviz drew through cairo the same bytes for the same
// drawing.
//
// Cairo stamps the file with the time it was made ("/CreationDate
// (D:20261128044145Z)") and ignores SOURCE_DATE_EPOCH. And it writes glyph
// positions with six decimals whose last digit can differ from one run to
// the next of the same program on the same graph ("1337.507812" or
// "1337.507813"): ties in pango's and cairo's arithmetic that fall one way
// or the other with the process's memory layout (with address randomisation
// off, ten runs in a row gave the same bytes). NormalizePdf() sets the stamp
// to the epoch, and rounds every number of four decimals or more in the
// page contents to three (a thousandth of a point: nothing visible moves),
// recompressing those streams and rewriting their lengths and the
// cross-reference table.

#ifndef KGREP_GRAPH_PDF_NORMALIZE_H_
#define KGREP_GRAPH_PDF_NORMALIZE_H_

#include <string>
#include <string_view>

namespace kgrep {

// Normalises *pdf in place. Returns false, with *pdf as it was but for the
// time stamp, if the file is not laid out as cairo writes it (objects listed
// by a cross-reference table; page contents in streams of /FlateDecode with
// a direct or indirect /Length).
bool NormalizePdf(std::string* pdf);

// The content stream `content` with each number of four decimals or more
// rounded to three, trailing zeros dropped ("1337.507812" -> "1337.508",
// "-0.00004" -> "0"). Strings, "(...)" and "<...>", are left as they are.
std::string RoundPdfNumbers(std::string_view content);

}  // namespace kgrep

#endif  // KGREP_GRAPH_PDF_NORMALIZE_H_
