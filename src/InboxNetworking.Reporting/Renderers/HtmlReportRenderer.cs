using System.Globalization;
using System.Text;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Charts;
using static System.Net.WebUtility;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>A self-contained HTML report: inline CSS and SVG, no script, nothing fetched. Every name, address and
/// subject is HTML-escaped. For a mail body (<paramref name="forMail"/>) it is what clients that strip <c>style</c>
/// elements and SVG still show: every style inline (PreMailer.Net), charts as table bars, one column at most
/// 640 px wide that reads on a 375 px phone.</summary>
/// <param name="forMail">Render the mail body rather than the file.</param>
public sealed class HtmlReportRenderer(bool forMail = false) : IReportRenderer
{
    private const string Css = """
        body{margin:0;background:#f4f6fa;font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2433;line-height:1.45}
        .page{max-width:820px;margin:0 auto;padding:24px 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0 0 4px}
        .sub{color:#5b6478;margin:0 0 18px}
        .totals{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:18px}
        .total{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:8px 12px;min-width:110px}
        .total b{display:block;font-size:20px}
        .metric{background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:16px;margin-bottom:14px}
        .value{font-size:30px;font-weight:700;color:#2f6fde;margin-right:8px}
        .label{color:#5b6478}
        table{border-collapse:collapse;width:100%;font-size:14px}
        td,th{text-align:left;padding:4px 6px;border-bottom:1px solid #eef0f4;vertical-align:top}
        th{color:#5b6478;font-weight:600}
        .tier{display:inline-block;padding:0 6px;border-radius:8px;background:#eef3fd;font-size:12px}
        .note{color:#5b6478;font-size:13px}
        """;

    /// <summary>What the mail body adds: a narrower page, no flex box, long words wrapped, bar charts laid out.</summary>
    private const string MailCss = """
        .page{max-width:640px;padding:16px 8px}
        .totals{display:block}
        .total{display:inline-block;margin:0 6px 6px 0;min-width:80px}
        td,th{overflow-wrap:anywhere;word-break:break-word}
        .bars{width:100%;font-size:12px}
        .bar-month{width:64px;color:#5b6478;border-bottom:0;padding:1px 6px 1px 0}
        .bar-cell{border-bottom:0;padding:1px 0}
        .bar{height:10px;border-radius:2px}
        .bar-value{width:40px;text-align:right;border-bottom:0;padding:1px 0 1px 6px}
        """;

    public string Format => "html";

    public string FileExtension => ".html";

    public string Render(MonthlyReport report)
    {
        var r = report;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(forMail
                ? "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                : "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append(CultureInfo.InvariantCulture, $"<title>Networking report {E(r.Month)}: {E(r.Account)}</title><style>{Css}{(forMail ? MailCss : "")}</style></head><body><div class=\"page\">");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Your networking in {E(MetricCatalog.MonthName(r.Month))}</h1><p class=\"sub\">{E(r.Account)} · time zone {E(r.TimeZone)}</p>");
        Totals(html, r.Totals);
        html.Append("<section class=\"metric\" id=\"highlights\"><h2>At a glance</h2><ul>");
        foreach (var line in Highlights.Of(r))
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
        html.Append("</ul></section>");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"actions\"><h2>{E(ActionText.Title)}</h2>");
        if (r.Actions.Count == 0)
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(ActionText.NothingToDo)}</p>");
        else
            html.Append("<ol>").AppendJoin("", r.Actions.Select(a => $"<li>{E(ActionText.Of(a))}</li>")).Append("</ol>");
        html.Append("</section>");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"areas\"><h2>{E(Areas.Title)}</h2>");
        var areas = Areas.Of(r);
        if (Areas.IsTooEarly(r))
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(Areas.TooEarly)}</p>");
        else if (areas.Count == 0)
            html.Append("<p>Every metric is within its usual range this month.</p>");
        else
            html.Append("<ul>").AppendJoin("", areas.Select(a => $"<li class=\"{a.Direction}\">{E(a.Text)}</li>")).Append("</ul>");
        html.Append("</section>");
        foreach (var m in MetricCatalog.All)
            Metric(html, r, m);
        Contacts(html, r);
        GoingCold(html, r);
        OwedReplies(html, r);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"metric\"><h2>How this was measured</h2><p class=\"note\">{E(r.Scoring.Method)}{(r.Scoring.ModelVersion is { } version ? $" ({E(version)})" : "")}: {E(r.Scoring.Reason)}{(r.Scoring.Reciprocity is { } reciprocity ? " " + E(reciprocity) : "")}</p>")
            .Append("<p class=\"note\">Scores are interaction-based relationship strength, not how close you are. Only headers and calendar metadata were read; no message bodies.</p></div>");
        Appendix(html, r.Scoring.Evaluations);
        html.Append("</div></body></html>\n");
        return forMail ? PreMailer.Net.PreMailer.MoveCssInline(html.ToString(), removeStyleElements: true, stripIdAndClassAttributes: false).Html : html.ToString();
    }

    private static void Appendix(StringBuilder html, IReadOnlyList<ModelEvaluation>? evaluations)
    {
        if (evaluations is not { Count: > 0 })
            return;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"metric\" id=\"appendix\"><h2>{E(ScoringAppendix.Heading)}</h2><p class=\"note\">{E(ScoringAppendix.Explanation)}</p>");
        foreach (var e in evaluations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(ScoringAppendix.Summary(e))}</h3>");
            if (e.Scorers.Count > 0)
            {
                html.Append("<table><tr><th>scorer</th><th>ROC-AUC</th><th>PR-AUC</th><th>Brier</th></tr>")
                    .AppendJoin("", e.Scorers.Select(s => $"<tr><td>{E(s.Scorer)}</td><td>{ScoringAppendix.Number(s.RocAuc)}</td><td>{ScoringAppendix.Number(s.PrAuc)}</td><td>{ScoringAppendix.Number(s.Brier)}</td></tr>"))
                    .Append("</table>");
            }
            if (e.Importance is { Count: > 0 } importance)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{E(ScoringAppendix.ImportanceHeading)}:</p><ol>")
                    .AppendJoin("", importance.Select(i => $"<li>{E(i.Words)} ({ScoringAppendix.Number(i.AucDrop)})</li>")).Append("</ol>");
            }
        }
        html.Append("</div>");
    }

    private static void Totals(StringBuilder html, Totals t)
    {
        html.Append("<div class=\"totals\">");
        foreach (var (label, value) in new[] { ("messages", t.Messages), ("sent", t.MessagesSent), ("received", t.MessagesReceived), ("events", t.Events), ("contacts", t.Contacts) })
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"total\"><b>{value}</b>{label}</div>");
        html.Append("</div>");
    }

    private void Metric(StringBuilder html, MonthlyReport r, MetricCatalog.Entry m)
    {
        var metric = m.Pick(r);
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"{m.Key}\"><h2>{E(m.Title)}</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p><span class=\"value\">{E(MetricCatalog.Format(metric.Value, m.IsRatio))}</span><span class=\"label\">{E(m.ValueLabel)}</span></p>")
            .Append(MetricCatalog.Change(r, m) is { } change ? $"<p class=\"change\">{E(change)}</p>" : "")
            .Append(forMail ? TrendChart.Bars(metric.Trend, $"{m.Title}, last {metric.Trend.Count} months") : TrendChart.Render(metric.Trend, $"{m.Title}, last {metric.Trend.Count} months"))
            .Append("<table>");
        foreach (var (label, value) in MetricCatalog.Details(r, m.Key))
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");
        if (m.Key == "newContacts")
        {
            foreach (var i in r.NewContacts.Introductions.Take(10))
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>Introduction</th><td>{E(i.Introducer)} → {E(i.Contact)}</td></tr>");
        }
        html.Append("</table>");
        if (m.Key == "conversion" && r.Conversion.Cohorts.Count > 0)
        {
            var (header, rows, note) = MetricCatalog.CohortTable(r.Conversion);
            html.Append("<table><tr>").AppendJoin("", header.Select(h => $"<th>{E(h)}</th>")).Append("</tr>");
            foreach (var row in rows)
                html.Append("<tr>").AppendJoin("", row.Select(cell => $"<td>{E(cell)}</td>")).Append("</tr>");
            html.Append(CultureInfo.InvariantCulture, $"</table><p class=\"note\">{E(note)}</p>");
        }
        html.Append("</section>");
    }

    private void Contacts(StringBuilder html, MonthlyReport r)
    {
        if (forMail)
        {
            // Eight columns do not fit a phone: one row per person, the figures under the name.
            html.Append("<section class=\"metric\" id=\"contacts\"><h2>Your closest ties this month</h2><table>");
            foreach (var c in r.Contacts.Take(25))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><b>{E(c.Name ?? c.Address)}</b> <span class=\"tier\">{E(c.Tier)}</span><br><span class=\"note\">{E(c.Address)}</span><br>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"reasons\">{E(ContactReasons.Line(c, r.Month))}</span><br>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"note\">depth {c.Depth:0.00} · reciprocity {E(MetricCatalog.Format(c.Reciprocity, true))} · {E(MetricCatalog.WhoStarts(c.ReciprocityParts))} · last seen {c.LastSeen:yyyy-MM-dd}</span></td></tr>");
            }
            html.Append("</table></section>");
            return;
        }
        html.Append("<section class=\"metric\" id=\"contacts\"><h2>Your closest ties this month</h2><table><tr><th>Name</th><th>Tier</th><th>Depth</th><th>Why: recent traffic you / them</th><th>Reciprocity</th><th>Who starts</th><th>Interactions</th><th>Last seen</th></tr>");
        foreach (var c in r.Contacts.Take(25))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Name ?? c.Address)}<br><span class=\"note\">{E(c.Address)}</span><br><span class=\"reasons\">{E(ContactReasons.Line(c, r.Month))}</span></td><td><span class=\"tier\">{E(c.Tier)}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{c.Depth:0.00}</td><td>{c.InteractionRankOut:0.0} / {c.InteractionRankIn:0.0}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(MetricCatalog.Format(c.Reciprocity, true))}</td><td>{E(MetricCatalog.WhoStarts(c.ReciprocityParts))}</td><td>{c.Interactions}</td><td>{c.LastSeen:yyyy-MM-dd}</td></tr>");
        }
        html.Append("</table></section>");
    }

    private static void GoingCold(StringBuilder html, MonthlyReport r)
    {
        html.Append("<section class=\"metric\" id=\"going-cold\"><h2>Going cold</h2>");
        if (r.GoingCold.Count == 0)
            html.Append("<p class=\"note\">No close tie has gone quiet beyond its usual rhythm.</p>");
        else
        {
            html.Append("<table><tr><th>Who</th><th>Tier</th><th>Days since a two-way exchange</th><th>Status</th></tr>");
            foreach (var g in r.GoingCold)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(g.Name ?? g.Address)}</td><td>{E(g.Tier)}</td><td>{g.DaysSinceTwoWay:0}</td><td>{E(g.Level)}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</section>");
    }

    private static void OwedReplies(StringBuilder html, MonthlyReport r)
    {
        html.Append("<section class=\"metric\" id=\"owed-replies\"><h2>Replies you owe</h2>");
        if (r.OwedReplies.Count == 0)
            html.Append("<p class=\"note\">None: every message from a close tie has an answer.</p>");
        else
        {
            html.Append("<table><tr><th>From</th><th>Received</th><th>Waiting</th></tr>");
            foreach (var o in r.OwedReplies)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(o.Name ?? o.Address)}</td><td>{o.Received:yyyy-MM-dd}</td><td>{o.DaysWaiting:0} days</td></tr>");
            html.Append("</table>");
        }
        html.Append("</section>");
    }

    private static string E(string? s) => HtmlEncode(s ?? "");
}
