using System.Globalization;
using System.Text;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>The report as Markdown, for a notes app or a repository (and the mail's plain-text part).</summary>
/// <param name="text">The report's language.</param>
public sealed class MarkdownReportRenderer(ReportText? text = null) : IReportRenderer
{
    private readonly ReportText t = text ?? ReportText.English;

    public string Format => "md";

    public string FileExtension => ".md";

    public string Render(MonthlyReport report)
    {
        var r = report;
        var md = new StringBuilder();
        md.Append("# ").Append(t.Format("md.title", Escape(r.Account), r.Month)).Append("\n\n");
        md.Append(t.Format("md.summary", Escape(r.TimeZone), r.Totals.Messages, r.Totals.MessagesSent, r.Totals.MessagesReceived, r.Totals.Events, r.Totals.Contacts)).Append("\n\n");
        md.Append("## ").Append(t["glance"]).Append("\n\n");
        foreach (var line in Highlights.Of(t, r))
            md.Append(CultureInfo.InvariantCulture, $"- {Escape(line)}\n");
        md.Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"## {t["actions.title"]}\n\n");
        if (r.Actions.Count == 0)
            md.Append(t["actions.none"]).Append('\n');
        foreach (var (a, k) in r.Actions.Select((a, k) => (a, k)))
            md.Append(CultureInfo.InvariantCulture, $"{k + 1}. {Escape(ActionText.Of(t, a))}\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## {t["areas.title"]}\n\n");
        var areas = Areas.Of(t, r);
        if (Areas.IsTooEarly(r))
            md.Append(t["areas.tooEarly"]).Append('\n');
        else if (areas.Count == 0)
            md.Append(t["areas.none"]).Append('\n');
        foreach (var a in areas)
            md.Append(CultureInfo.InvariantCulture, $"- {t[a.Direction == "improve" ? "area.improve.label" : "area.strength.label"]}: {Escape(a.Text)}\n");
        md.Append('\n');
        foreach (var m in MetricCatalog.All)
        {
            var metric = m.Pick(r);
            md.Append(CultureInfo.InvariantCulture, $"## {m.Title(t)}: {MetricCatalog.Format(t, metric.Value, m.IsRatio)}\n\n{m.ValueLabel(t)}.\n\n");
            if (MetricCatalog.Change(t, r, m) is { } change)
                md.Append(CultureInfo.InvariantCulture, $"{change}.\n\n");
            md.Append(t["trend"]).Append(": ").AppendJoin(" · ", metric.Trend.Select(p => $"{p.Month[5..]} {MetricCatalog.Format(t, p.Value, m.IsRatio)}")).Append("\n\n");
            foreach (var (label, value) in MetricCatalog.Details(t, r, m.Key))
                md.Append(CultureInfo.InvariantCulture, $"- {label}: {Escape(value)}\n");
            md.Append('\n');
            if (m.Key == "conversion" && r.Conversion.Cohorts.Count > 0)
            {
                var (header, rows, note) = MetricCatalog.CohortTable(t, r.Conversion);
                md.Append("| ").AppendJoin(" | ", header).Append(" |\n|").Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
                foreach (var row in rows)
                    md.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
                md.Append('\n').Append(note).Append("\n\n");
            }
        }
        string[] columns = ["col.name", "col.address", "col.tier", "col.depth", "col.reciprocity", "col.whoStarts", "col.interactions", "col.why"];
        md.Append("## ").Append(t["contacts.heading"]).Append("\n\n| ").AppendJoin(" | ", columns.Select(c => t[c])).Append(" |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var c in r.Contacts.Take(25))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {Escape(c.Name ?? "")} | {Escape(c.Address)} | {MetricCatalog.Tier(t, c.Tier)} | {t.Number(c.Depth, "0.00")} | {MetricCatalog.Format(t, c.Reciprocity, true)} | ")
                .Append(CultureInfo.InvariantCulture, $"{MetricCatalog.WhoStarts(t, c.ReciprocityParts)} | {c.Interactions} | {Escape(ContactReasons.Line(t, c, r.Month))} |\n");
        }
        md.Append("\n## ").Append(t["goingCold.heading"]).Append("\n\n");
        if (r.GoingCold.Count == 0)
            md.Append(t["goingCold.none"]).Append('\n');
        foreach (var g in r.GoingCold)
            md.Append("- ").Append(t.Format("goingCold.line", Escape(g.Name ?? g.Address), MetricCatalog.Tier(t, g.Tier), MetricCatalog.Level(t, g.Level), t.Count("days", g.DaysSinceTwoWay))).Append('\n');
        md.Append("\n## ").Append(t["owed.heading"]).Append("\n\n");
        if (r.OwedReplies.Count == 0)
            md.Append(t["owed.none.short"]).Append('\n');
        foreach (var o in r.OwedReplies)
            md.Append("- ").Append(t.Format("owed.line", Escape(o.Name ?? o.Address), t.Count("days", o.DaysWaiting))).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"\n## {t["measured.heading"]}\n\n{Escape(ScoringAppendix.Paragraph(t, r.Scoring))} {t["measured.privacy"]}\n");
        Appendix(md, r.Scoring.Evaluations);
        return md.ToString();
    }

    private void Appendix(StringBuilder md, IReadOnlyList<ModelEvaluation>? evaluations)
    {
        if (evaluations is not { Count: > 0 })
            return;
        md.Append(CultureInfo.InvariantCulture, $"\n## {t["appendix.heading"]}\n\n{t["appendix.explanation"]}\n");
        foreach (var e in evaluations)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### {Escape(ScoringAppendix.Summary(t, e))}\n");
            if (e.Scorers.Count > 0)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n| {t["appendix.scorer"]} | ROC-AUC | PR-AUC | Brier |\n|---|---|---|---|\n");
                foreach (var s in e.Scorers)
                    md.Append(CultureInfo.InvariantCulture, $"| {Escape(ScoringAppendix.Scorer(t, s.Scorer))} | {ScoringAppendix.Number(t, s.RocAuc)} | {ScoringAppendix.Number(t, s.PrAuc)} | {ScoringAppendix.Number(t, s.Brier)} |\n");
            }
            if (e.Importance is { Count: > 0 } importance)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n{t["appendix.importance"]}:\n\n");
                foreach (var (item, k) in importance.Select((x, k) => (x, k)))
                    md.Append(CultureInfo.InvariantCulture, $"{k + 1}. {Escape(ScoringAppendix.Feature(t, item.Feature))} ({ScoringAppendix.Number(t, item.AucDrop)})\n");
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
