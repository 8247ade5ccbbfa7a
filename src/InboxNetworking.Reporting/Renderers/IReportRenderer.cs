using InboxNetworking.Core.Reports;

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
    public static readonly IReadOnlyList<IReportRenderer> All =
        [new HtmlReportRenderer(), new MarkdownReportRenderer(), new JsonReportRenderer(), new CsvContactsRenderer()];

    public static IReadOnlyList<string> Formats => All.Select(r => r.Format).ToList();

    public static IReportRenderer? For(string format) =>
        All.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase));
}
