import Foundation

/// A bar chart drawn as inline SVG, for the report page (and its print): no script, no external
/// resource. Every text is XML-escaped here, since the page puts the drawing in as it is.
struct BarChart: Sendable {
    /// One set of bars (one status, "pledged", …), in one colour.
    struct Series: Sendable {
        let name: String
        let values: [Double]
    }

    let id: String
    let title: String
    let categories: [String]
    let series: [Series]
    /// Series on top of each other (parts of a whole) rather than side by side.
    let stacked: Bool
    /// How an axis value is written ("1.234 €", "12").
    let format: @Sendable (Double) -> String

    static let palette = ["#0b5cad", "#e07b00", "#2a9d5c", "#b23a48", "#6f4fa8", "#7a7a7a", "#00838f"]

    /// The chart as an `<svg>` element; an empty string when there is nothing to draw.
    var svg: String {
        guard !categories.isEmpty, !series.isEmpty else { return "" }
        let left = 70.0, right = 16.0, top = 34.0 + Double((series.count + 3) / 4) * 18, bottom = 64.0
        let slot = max(28.0, min(90.0, 640.0 / Double(categories.count)))
        let width = left + right + slot * Double(categories.count)
        let height = top + 200 + bottom
        let plot = 200.0
        let totals = categories.indices.map { index in
            stacked ? series.reduce(0) { $0 + max(0, $1.values[index]) } : series.map { max(0, $0.values[index]) }.max() ?? 0
        }
        let maximum = Self.niceCeiling(totals.max() ?? 0)
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))" aria-labelledby="\#(id)-title">"#
        out += #"<title id="\#(id)-title">\#(Self.escaped(title))</title>"#
        // Legend.
        for (index, series) in series.enumerated() {
            let x = left + Double(index % 4) * 150, y = 14.0 + Double(index / 4) * 18
            out += #"<rect x="\#(x)" y="\#(y - 9)" width="10" height="10" fill="\#(Self.palette[index % Self.palette.count])"/>"#
            out += #"<text x="\#(x + 14)" y="\#(y)" font-size="11">\#(Self.escaped(series.name))</text>"#
        }
        // Grid and axis labels.
        for step in 0...4 {
            let value = maximum * Double(step) / 4, y = top + plot - plot * Double(step) / 4
            out += #"<line x1="\#(left)" x2="\#(width - right)" y1="\#(y)" y2="\#(y)" stroke="rgb(213,217,226)"/>"#
            out += #"<text x="\#(left - 6)" y="\#(y + 4)" font-size="10" text-anchor="end">\#(Self.escaped(format(value)))</text>"#
        }
        // Bars.
        for (category, label) in categories.enumerated() {
            let x0 = left + slot * Double(category) + 4
            let barWidth = stacked ? slot - 8 : (slot - 8) / Double(series.count)
            var base = top + plot
            for (index, series) in series.enumerated() {
                let value = max(0, series.values[category])
                let height = maximum > 0 ? plot * value / maximum : 0
                let x = stacked ? x0 : x0 + barWidth * Double(index)
                let y = stacked ? base - height : top + plot - height
                if height > 0 {
                    out += #"<rect x="\#(x)" y="\#(y)" width="\#(max(1, barWidth - 1))" height="\#(height)" fill="\#(Self.palette[index % Self.palette.count])"><title>\#(Self.escaped("\(label): \(series.name) \(format(value))"))</title></rect>"#
                }
                if stacked { base -= height }
            }
            let short = label.count > 18 ? String(label.prefix(17)) + "…" : label
            let cx = x0 + (slot - 8) / 2, cy = top + plot + 14
            out += #"<text x="\#(cx)" y="\#(cy)" font-size="10" text-anchor="end" transform="rotate(-30 \#(cx) \#(cy))">\#(Self.escaped(short))</text>"#
        }
        out += "</svg>"
        return out
    }

    /// A round number at or above `value` for the top of the axis (1, 2, 2.5 or 5 times a power of ten).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * power >= value { return step * power }
        return 10 * power
    }

    /// `text` safe inside XML text and attributes.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
