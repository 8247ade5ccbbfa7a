using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>Turns a month's report into one file format.</summary>
public interface IReportRenderer
{
    /// <summary>The name used by <c>--format</c>.</summary>
    string Format { get; }

    string FileExtension { get; }

    string Render(MonthlyReport report);
}

/// <summary>The renderers by <c>--format</c> name.</summary>
public static class ReportRenderers
{
    public static IReadOnlyList<string> Formats { get; } = ["html", "md", "json", "csv"];

    /// <summary>Every renderer, in the report's language.</summary>
    public static IReadOnlyList<IReportRenderer> All(ReportText text) =>
        [new HtmlReportRenderer(text: text), new MarkdownReportRenderer(text), new JsonReportRenderer(text), new CsvContactsRenderer()];

    public static IReportRenderer? For(string format, ReportText text) =>
        All(text).FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase));
}
