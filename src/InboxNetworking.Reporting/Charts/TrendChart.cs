using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace InboxNetworking.Reporting.Charts;

/// <summary>A month-by-month bar chart as inline SVG: no script, no font files, nothing fetched,
/// so it shows in a mail client as in a browser.</summary>
internal static class TrendChart
{
    private const int Width = 360;
    private const int Height = 120;
    private const int Top = 16;
    private const int Bottom = 20;

    public static string Render(IReadOnlyList<Core.Reports.TrendPoint> points, string title)
    {
        var max = points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();
        var slot = points.Count == 0 ? Width : (double)Width / points.Count;
        var plot = Height - Top - Bottom;
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{HtmlEncode(title)}\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{HtmlEncode(title)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#c8ccd4\" stroke-width=\"1\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = i * slot + slot * 0.15;
            var w = slot * 0.7;
            var last = i == points.Count - 1;
            if (p.Value is { } v)
            {
                var h = max <= 0 ? 0 : Math.Max(1.5, v / max * plot);
                var y = Height - Bottom - h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" rx=\"2\" fill=\"{(last ? "#2f6fde" : "#a9c1ef")}\"><title>{HtmlEncode(p.Month)}: {Label(v)}</title></rect>");
                if (last)
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{Math.Max(11, y - 3):0.#}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2433\">{Label(v)}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{Height - Bottom - 3}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#8a93a6\">–</text>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w / 2:0.#}\" y=\"{Height - 6}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#5b6478\">{HtmlEncode(p.Month.Length >= 7 ? p.Month[5..7] : p.Month)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The same trend as an HTML table of horizontal bars, one row per month, for mail clients that strip
    /// SVG: plain cells and inline widths, nothing else.</summary>
    public static string Bars(IReadOnlyList<Core.Reports.TrendPoint> points, string title)
    {
        var max = points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();
        var table = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<table class=\"bars\" role=\"img\" aria-label=\"{HtmlEncode(title)}\">");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var width = p.Value is { } v && max > 0 ? Math.Max(1, Math.Round(v / max * 100)) : 0;
            var colour = i == points.Count - 1 ? "#2f6fde" : "#a9c1ef";
            table.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"bar-month\">{HtmlEncode(p.Month)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"bar-cell\">{(p.Value is null ? "" : $"<div class=\"bar\" style=\"width:{width}%;background:{colour}\"></div>")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"bar-value\">{(p.Value is { } value ? Label(value) : "–")}</td></tr>");
        }
        return table.Append("</table>").ToString();
    }

    private static string Label(double v) =>
        Math.Abs(v - Math.Round(v)) < 1e-9 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
}
