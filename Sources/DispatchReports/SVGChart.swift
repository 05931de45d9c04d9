import Foundation

/// Charts drawn by the project as inline SVG (no chart service, no script): horizontal
/// bar charts with stacked segments, and a line chart for the score-against-moves curve.
/// Every label is escaped; sizes are in CSS pixels and scale with the page.
public enum SVGChart {
  public struct Segment: Sendable {
    public var value: Double
    public var colour: String
    public init(_ value: Double, _ colour: String) {
      self.value = value
      self.colour = colour
    }
  }

  public struct Bar: Sendable {
    public var label: String
    public var segments: [Segment]
    /// Shown right of the bar ("95.2%", "12"); empty for the total.
    public var note: String
    public init(label: String, segments: [Segment], note: String = "") {
      self.label = label
      self.segments = segments
      self.note = note
    }
  }

  public static let blue = "#2f5d9b", lightGrey = "#d9d9d9", red = "#b22222", green = "#3a7d44", amber = "#c8891a", grey = "#8c8c8c"

  /// A horizontal bar chart; `maximum` defaults to the largest total.
  public static func bars(_ bars: [Bar], title: String, legend: [(String, String)] = [], width: Int = 680, maximum: Double? = nil,
                          labelWidth: Int = 170) -> String {
    let rowHeight = bars.count > 30 ? 14 : 22
    let top = 30 + (legend.isEmpty ? 0 : 20), barArea = Double(width - labelWidth - 70)
    let height = top + rowHeight * bars.count + 10
    let largest = maximum ?? bars.map { $0.segments.reduce(0) { $0 + $1.value } }.max() ?? 1
    let scale = largest > 0 ? barArea / largest : 0
    let fontSize = bars.count > 30 ? 10 : 12
    var svg = header(width: width, height: height, title: title)
    var x = labelWidth
    for (name, colour) in legend {
      svg += "<rect x=\"\(x)\" y=\"30\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
      svg += "<text x=\"\(x + 16)\" y=\"40\" font-size=\"12\">\(HTMLText.escape(name))</text>"
      x += 28 + Int(Double(name.unicodeScalars.count) * 12)
    }
    for (k, bar) in bars.enumerated() {
      let y = top + k * rowHeight
      svg += "<text x=\"\(labelWidth - 6)\" y=\(quote(y + rowHeight - 6)) font-size=\"\(fontSize)\" text-anchor=\"end\">\(HTMLText.escape(truncate(bar.label, to: labelWidth / fontSize)))</text>"
      var offset = Double(labelWidth)
      for segment in bar.segments where segment.value > 0 {
        let w = segment.value * scale
        svg += "<rect x=\(quote(offset)) y=\(quote(y + 3)) width=\(quote(w)) height=\(quote(rowHeight - 6)) fill=\"\(segment.colour)\"/>"
        offset += w
      }
      if !bar.note.isEmpty {
        svg += "<text x=\(quote(offset + 4)) y=\(quote(y + rowHeight - 6)) font-size=\"\(fontSize)\">\(HTMLText.escape(bar.note))</text>"
      }
    }
    return svg + "</svg>"
  }

  /// Score against moves: one point per budget of the sweep, joined in order of moves.
  public static func line(_ points: [(x: Double, y: Double, label: String)], title: String, xLabel: String, yLabel: String,
                          width: Int = 680, height: Int = 300) -> String {
    let left = 80.0, right = 20.0, top = 40.0, bottom = 50.0
    let sorted = points.sorted { $0.x < $1.x }
    let xs = sorted.map(\.x), ys = sorted.map(\.y)
    let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, xMin + 1)
    let yLow = ys.min() ?? 0, yHigh = ys.max() ?? 1
    let pad = max(1, (yHigh - yLow) * 0.1)
    let yMin = yLow - pad, yMax = yHigh + pad
    let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
    func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
    func py(_ y: Double) -> Double { top + (1 - (y - yMin) / (yMax - yMin)) * plotH }
    var svg = header(width: width, height: height, title: title)
    svg += "<line x1=\(quote(left)) y1=\(quote(top + plotH)) x2=\(quote(left + plotW)) y2=\(quote(top + plotH)) stroke=\"#444\"/>"
    svg += "<line x1=\(quote(left)) y1=\(quote(top)) x2=\(quote(left)) y2=\(quote(top + plotH)) stroke=\"#444\"/>"
    for y in [yLow, yHigh] {
      svg += "<text x=\(quote(left - 6)) y=\(quote(py(y) + 4)) font-size=\"11\" text-anchor=\"end\">\(Int(y))</text>"
      svg += "<line x1=\(quote(left)) y1=\(quote(py(y))) x2=\(quote(left + plotW)) y2=\(quote(py(y))) stroke=\"#ddd\"/>"
    }
    svg += "<text x=\(quote(left + plotW / 2)) y=\(quote(Double(height) - 10)) font-size=\"12\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>"
    svg += "<text x=\"14\" y=\(quote(top + plotH / 2)) font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(Int(top + plotH / 2)))\">\(HTMLText.escape(yLabel))</text>"
    let path = sorted.map { "\(format(px($0.x))),\(format(py($0.y)))" }.joined(separator: " ")
    svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(blue)\" stroke-width=\"2\"/>"
    for p in sorted {
      svg += "<circle cx=\(quote(px(p.x))) cy=\(quote(py(p.y))) r=\"4\" fill=\"\(blue)\"/>"
      svg += "<text x=\(quote(px(p.x))) y=\(quote(top + plotH + 16)) font-size=\"11\" text-anchor=\"middle\">\(HTMLText.escape(p.label))</text>"
    }
    return svg + "</svg>"
  }

  static func header(width: Int, height: Int, title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
      + "<text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(HTMLText.escape(title))</text>"
  }

  static func truncate(_ text: String, to width: Int) -> String {
    var used = 0, out = ""
    for ch in text {
      let w = ch.unicodeScalars.first.map { $0.value >= 0x1100 ? 2 : 1 } ?? 1
      if used + w > width * 2 - 1 { return out + "…" }
      used += w
      out.append(ch)
    }
    return out
  }

  static func format(_ value: Double) -> String { String(format: "%.1f", value) }
  static func quote(_ value: Double) -> String { "\"\(format(value))\"" }
  static func quote(_ value: Int) -> String { "\"\(value)\"" }
}
