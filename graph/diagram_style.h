// How a diagram looks: Graphviz attributes by entity type and by relation,
// on top of kgrep's defaults. A rule pack's `style:` section fills it.

#ifndef KGREP_GRAPH_DIAGRAM_STYLE_H_
#define KGREP_GRAPH_DIAGRAM_STYLE_H_

#include <map>
#include <string>

namespace kgrep {

// Attribute name -> value, as Graphviz takes them ("shape" -> "box",
// "fillcolor" -> "#8ab6e6"). Attributes that make links (URL, href, ...),
// read or reference files (image, shapefile, stylesheet, imagepath,
// fontpath), change the ids and classes of the drawing (id, class), or set
// comment or charset are ignored: a pack cannot put a script or a file into a
// picture or the HTML page.
using GraphvizAttributes = std::map<std::string, std::string>;

struct DiagramStyle {
  GraphvizAttributes graph;   // graph attributes (e.g. "bgcolor", "fontname")
  GraphvizAttributes node;    // every node
  GraphvizAttributes edge;    // every edge
  std::map<std::string, GraphvizAttributes> types;      // "Person" -> attributes
  std::map<std::string, GraphvizAttributes> relations;  // "welcomed" -> attributes
};

}  // namespace kgrep

#endif  // KGREP_GRAPH_DIAGRAM_STYLE_H_
