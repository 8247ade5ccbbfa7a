using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>The JSON report contract (README "JSON report").</summary>
public sealed class JsonReportRenderer : IReportRenderer
{
    public string Format => "json";

    public string FileExtension => ".json";

    public string Render(MonthlyReport report) => ReportJson.Serialize(report) + "\n";
}
