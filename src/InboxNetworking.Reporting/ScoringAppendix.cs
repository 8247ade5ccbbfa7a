using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>The words of the report's appendix: each model's test on the account's own history.</summary>
internal static class ScoringAppendix
{
    public static string Summary(ReportText t, ModelEvaluation e) =>
        t.Format("appendix.summary", Title(t, e.Label), e.Rows, e.Positives,
            t[e.Used == "model" ? "appendix.used" : e.Scorers.Count == 0 ? "appendix.noHistory" : "appendix.notUsed"]);

    public static string Number(ReportText t, double? v) => v is { } x && !double.IsNaN(x) ? t.Number(x, "0.000") : "-";

    private static string Title(ReportText t, string label) => label is "depth" or "replyOwner" or "replyContact" ? t[$"label.{label}"] : label;
}
