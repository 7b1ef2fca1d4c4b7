#include "web/recap_chart.h"

#include <algorithm>
#include <array>

#include "web/recap_request.h"
#include "web/web.h"
#include "workflow/wib_format.h"

namespace jadwal::web::recap {

namespace {

// The geometry, in SVG units: the viewBox is about as wide as a phone shows it.
constexpr int kWidth = 320;
// Each bar has its label on a line above it: a leader's whole name fits a
// phone, and the bars share the whole width.
constexpr int kLabelHeight = 16;
constexpr int kCountWidth = 34;
constexpr int kBarArea = kWidth - kCountWidth;
constexpr int kBar = 18;
constexpr int kRow = kLabelHeight + kBar + 8;
constexpr int kLegendRow = 20;
constexpr std::size_t kLabelChars = 44;

struct Series {
  const char* labelId;
  const char* color;
  std::int64_t (*count)(const workflow::RecapCounts&);
};
// How a request ended: the parts add up to the requests received (held
// and not held are among the approved and represented).
const std::array<Series, 5> kSeries = {{
    {"recap.pending", "#8a96a3", [](const workflow::RecapCounts& c) { return c.pending; }},
    {"recap.approved", "#2e7d32", [](const workflow::RecapCounts& c) { return c.approved; }},
    {"recap.represented", "#1565c0", [](const workflow::RecapCounts& c) { return c.represented; }},
    {"recap.rejected", "#c62828", [](const workflow::RecapCounts& c) { return c.rejected; }},
    {"recap.other", "#b26a00", [](const workflow::RecapCounts& c) { return c.withdrawn + c.cancelled; }},
}};

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// At most `chars` characters (UTF-8 aware), with an ellipsis when cut.
std::string shortened(const std::string& text, std::size_t chars) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++count > chars) return text.substr(0, i) + "…";
  }
  return text;
}

struct Bar {
  std::string label;
  workflow::RecapCounts counts;
};

}  // namespace

std::string recapChartSvg(const workflow::Recap& recap, const std::string& language) {
  std::vector<Bar> bars;
  if (recap.period.month == 0) {
    for (const auto& month : recap.months)
      bars.push_back({std::string(workflow::monthName(month.period.month, language)), month.counts});
  } else {
    for (const auto& leader : recap.leaders) bars.push_back({leader.displayName, leader.counts});
  }
  if (bars.empty()) return "";
  std::int64_t most = 1;
  for (const auto& bar : bars) most = std::max(most, bar.counts.received);

  const std::string title = tr(language, recap.period.month == 0 ? "recap.chart_year" : "recap.chart_month") + ", " +
                            periodLabel(recap.period, language);
  std::string description;
  for (const auto& bar : bars) {
    description += bar.label + ": " + std::to_string(bar.counts.received) + " " + tr(language, "recap.received_lower");
    std::string parts;
    for (const auto& series : kSeries) {
      if (const auto n = series.count(bar.counts); n > 0)
        parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + tr(language, series.labelId);
    }
    description += (parts.empty() ? "" : " (" + parts + ")") + ". ";
  }

  const int legendRows = static_cast<int>((kSeries.size() + 2) / 3);
  const int height = static_cast<int>(bars.size()) * kRow + 8 + legendRows * kLegendRow;
  std::string svg = "<svg class=\"grafik\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(kWidth) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-labelledby=\"grafik-judul grafik-uraian\" font-size=\"13\" "
                    "font-family=\"sans-serif\">";
  svg += "<title id=\"grafik-judul\">" + escaped(title) + "</title>";
  svg += "<desc id=\"grafik-uraian\">" + escaped(description) + "</desc>";
  int y = 0;
  for (const auto& bar : bars) {
    const int barY = y + kLabelHeight;
    const int textY = barY + kBar - 5;
    svg += "<g><title>" + escaped(bar.label + ": " + std::to_string(bar.counts.received)) + "</title>";
    svg += "<text x=\"0\" y=\"" + std::to_string(y + kLabelHeight - 4) + "\" fill=\"#1f2933\">" +
           escaped(shortened(bar.label, kLabelChars)) + "</text>";
    int x = 0;
    for (const auto& series : kSeries) {
      const auto n = series.count(bar.counts);
      if (n <= 0) continue;
      const int width = std::max(1, static_cast<int>(n * kBarArea / most));
      svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(barY) + "\" width=\"" +
             std::to_string(width) + "\" height=\"" + std::to_string(kBar) + "\" fill=\"" + series.color + "\"/>";
      x += width;
    }
    svg += "<text x=\"" + std::to_string(x + 4) + "\" y=\"" + std::to_string(textY) + "\" fill=\"#1f2933\">" +
           std::to_string(bar.counts.received) + "</text></g>";
    y += kRow;
  }
  y += 8;
  for (std::size_t i = 0; i < kSeries.size(); ++i) {
    const int column = static_cast<int>(i % 3) * (kWidth / 3);
    const int row = y + static_cast<int>(i / 3) * kLegendRow;
    svg += "<rect x=\"" + std::to_string(column) + "\" y=\"" + std::to_string(row) +
           "\" width=\"12\" height=\"12\" fill=\"" + kSeries[i].color + "\"/>";
    svg += "<text x=\"" + std::to_string(column + 16) + "\" y=\"" + std::to_string(row + 10) +
           "\" font-size=\"11\" fill=\"#1f2933\">" + escaped(tr(language, kSeries[i].labelId)) + "</text>";
  }
  return svg + "</svg>";
}

}  // namespace jadwal::web::recap
