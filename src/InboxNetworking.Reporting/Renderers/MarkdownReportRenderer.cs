using System.Globalization;
using System.Text;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>The report as Markdown, for a notes app or a repository.</summary>
public sealed class MarkdownReportRenderer : IReportRenderer
{
    public string Format => "md";

    public string FileExtension => ".md";

    public string Render(MonthlyReport report)
    {
        var r = report;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Networking report: {Escape(r.Account)}, {r.Month}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Time zone {Escape(r.TimeZone)}. {r.Totals.Messages} messages ({r.Totals.MessagesSent} sent, {r.Totals.MessagesReceived} received), {r.Totals.Events} events, {r.Totals.Contacts} contacts with a meaningful interaction.\n\n");
        md.Append("## At a glance\n\n");
        foreach (var line in Highlights.Of(r))
            md.Append(CultureInfo.InvariantCulture, $"- {Escape(line)}\n");
        md.Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"## {ActionText.Title}\n\n");
        if (r.Actions.Count == 0)
            md.Append(ActionText.NothingToDo).Append('\n');
        foreach (var (a, k) in r.Actions.Select((a, k) => (a, k)))
            md.Append(CultureInfo.InvariantCulture, $"{k + 1}. {Escape(ActionText.Of(a))}\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## {Areas.Title}\n\n");
        var areas = Areas.Of(r);
        if (Areas.IsTooEarly(r))
            md.Append(Areas.TooEarly).Append('\n');
        else if (areas.Count == 0)
            md.Append("Every metric is within its usual range this month.\n");
        foreach (var a in areas)
            md.Append(CultureInfo.InvariantCulture, $"- {(a.Direction == "improve" ? "To improve" : "Strength")}: {Escape(a.Text)}\n");
        md.Append('\n');
        foreach (var m in MetricCatalog.All)
        {
            var metric = m.Pick(r);
            md.Append(CultureInfo.InvariantCulture, $"## {m.Title}: {MetricCatalog.Format(metric.Value, m.IsRatio)}\n\n{m.ValueLabel}.\n\n");
            if (MetricCatalog.Change(r, m) is { } change)
                md.Append(CultureInfo.InvariantCulture, $"{change}.\n\n");
            md.Append("Trend: ").AppendJoin(" · ", metric.Trend.Select(t => $"{t.Month[5..]} {MetricCatalog.Format(t.Value, m.IsRatio)}")).Append("\n\n");
            foreach (var (label, value) in MetricCatalog.Details(r, m.Key))
                md.Append(CultureInfo.InvariantCulture, $"- {label}: {Escape(value)}\n");
            md.Append('\n');
            if (m.Key == "conversion" && r.Conversion.Cohorts.Count > 0)
            {
                var (header, rows, note) = MetricCatalog.CohortTable(r.Conversion);
                md.Append("| ").AppendJoin(" | ", header).Append(" |\n|").Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
                foreach (var row in rows)
                    md.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
                md.Append('\n').Append(note).Append("\n\n");
            }
        }
        md.Append("## Contacts\n\n| Name | Address | Tier | Depth | Reciprocity | Who starts | Interactions | Why |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var c in r.Contacts.Take(25))
            md.Append(CultureInfo.InvariantCulture, $"| {Escape(c.Name ?? "")} | {Escape(c.Address)} | {c.Tier} | {c.Depth:0.00} | {MetricCatalog.Format(c.Reciprocity, true)} | {MetricCatalog.WhoStarts(c.ReciprocityParts)} | {c.Interactions} | {Escape(ContactReasons.Line(c, r.Month))} |\n");
        md.Append("\n## Going cold\n\n");
        if (r.GoingCold.Count == 0)
            md.Append("No close tie has gone quiet beyond its usual rhythm.\n");
        foreach (var g in r.GoingCold)
            md.Append(CultureInfo.InvariantCulture, $"- {Escape(g.Name ?? g.Address)} ({g.Tier}): {g.Level}, {g.DaysSinceTwoWay:0} days since the last two-way exchange\n");
        md.Append("\n## Replies you owe\n\n");
        if (r.OwedReplies.Count == 0)
            md.Append("None.\n");
        foreach (var o in r.OwedReplies)
            md.Append(CultureInfo.InvariantCulture, $"- {Escape(o.Name ?? o.Address)}: waiting {o.DaysWaiting:0} days\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## How this was measured\n\n{Escape(r.Scoring.Method)}{(r.Scoring.ModelVersion is { } version ? $" ({Escape(version)})" : "")}: {Escape(r.Scoring.Reason)}{(r.Scoring.Reciprocity is { } reciprocity ? " " + Escape(reciprocity) : "")} Headers and calendar metadata only; no message bodies were read.\n");
        Appendix(md, r.Scoring.Evaluations);
        return md.ToString();
    }

    private static void Appendix(StringBuilder md, IReadOnlyList<ModelEvaluation>? evaluations)
    {
        if (evaluations is not { Count: > 0 })
            return;
        md.Append(CultureInfo.InvariantCulture, $"\n## {ScoringAppendix.Heading}\n\n{ScoringAppendix.Explanation}\n");
        foreach (var e in evaluations)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### {Escape(ScoringAppendix.Summary(e))}\n");
            if (e.Scorers.Count > 0)
            {
                md.Append("\n| scorer | ROC-AUC | PR-AUC | Brier |\n|---|---|---|---|\n");
                foreach (var s in e.Scorers)
                    md.Append(CultureInfo.InvariantCulture, $"| {Escape(s.Scorer)} | {ScoringAppendix.Number(s.RocAuc)} | {ScoringAppendix.Number(s.PrAuc)} | {ScoringAppendix.Number(s.Brier)} |\n");
            }
            if (e.Importance is { Count: > 0 } importance)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n{ScoringAppendix.ImportanceHeading}:\n\n");
                foreach (var (item, k) in importance.Select((x, k) => (x, k)))
                    md.Append(CultureInfo.InvariantCulture, $"{k + 1}. {Escape(item.Words)} ({ScoringAppendix.Number(item.AucDrop)})\n");
            }
        }
    }

    /// <summary>Names and addresses are data, never markup: escape everything Markdown or HTML would act on.</summary>
    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            // Inline, these are the characters that make markup (emphasis, code, links, tables, HTML).
            if ("\\`*_[]|<>&#".Contains(ch, StringComparison.Ordinal))
                sb.Append('\\');
            sb.Append(ch is '\n' or '\r' ? ' ' : ch);
        }
        return sb.ToString();
    }
}
