#pragma once
// The work report's bar chart, drawn on the server as inline SVG: no
// script, no style attribute (the CSP allows neither), readable on a
// 360 px phone. One horizontal bar per month of a year, or per leader of
// a month, split by how the requests ended; the SVG carries a title and a
// description that say the same in words (the tables beside it hold the
// numbers too).

#include <string>

#include "workflow/recap.h"

namespace jadwal::web::recap {

// The <svg> element, ready to embed in a page; "" when there is nothing to draw.
std::string recapChartSvg(const workflow::Recap& recap, const std::string& language);

}  // namespace jadwal::web::recap
