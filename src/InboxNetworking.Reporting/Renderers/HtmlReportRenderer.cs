using System.Globalization;
using System.Text;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Charts;
using InboxNetworking.Reporting.Text;
using static System.Net.WebUtility;

namespace InboxNetworking.Reporting.Renderers;

/// <summary>A self-contained HTML report: inline CSS and SVG, no script, nothing fetched. Every name, address and
/// subject is HTML-escaped. For a mail body (<paramref name="forMail"/>) it is what clients that strip <c>style</c>
/// elements and SVG still show: every style inline (PreMailer.Net), charts as table bars, one column at most
/// 640 px wide that reads on a 375 px phone.</summary>
/// <param name="forMail">Render the mail body rather than the file.</param>
/// <param name="text">The report's language.</param>
public sealed class HtmlReportRenderer(bool forMail = false, ReportText? text = null) : IReportRenderer
{
    private readonly ReportText t = text ?? ReportText.English;

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
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{t.Language}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(forMail
                ? "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                : "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(t.Format("html.title", r.Month, r.Account))}</title><style>{Css}{(forMail ? MailCss : "")}</style></head><body><div class=\"page\">");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(t.Format("html.h1", t.Month(r.Month)))}</h1><p class=\"sub\">{E(t.Format("html.sub", r.Account, r.TimeZone))}</p>");
        Totals(html, r.Totals);
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"highlights\"><h2>{E(t["glance"])}</h2><ul>");
        foreach (var line in Highlights.Of(t, r))
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
        html.Append("</ul></section>");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"actions\"><h2>{E(t["actions.title"])}</h2>");
        if (r.Actions.Count == 0)
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t["actions.none"])}</p>");
        else
            html.Append("<ol>").AppendJoin("", r.Actions.Select(a => $"<li>{E(ActionText.Of(t, a))}</li>")).Append("</ol>");
        html.Append("</section>");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"areas\"><h2>{E(t["areas.title"])}</h2>");
        var areas = Areas.Of(t, r);
        if (Areas.IsTooEarly(r))
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t["areas.tooEarly"])}</p>");
        else if (areas.Count == 0)
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t["areas.none"])}</p>");
        else
            html.Append("<ul>").AppendJoin("", areas.Select(a => $"<li class=\"{a.Direction}\">{E(a.Text)}</li>")).Append("</ul>");
        html.Append("</section>");
        foreach (var m in MetricCatalog.All)
            Metric(html, r, m);
        Contacts(html, r);
        GoingCold(html, r);
        OwedReplies(html, r);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"metric\"><h2>{E(t["measured.heading"])}</h2><p class=\"note\">{E(ScoringAppendix.Paragraph(t, r.Scoring))}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(t["measured.note"])}</p></div>");
        Appendix(html, r.Scoring.Evaluations);
        html.Append("</div></body></html>\n");
        return forMail ? PreMailer.Net.PreMailer.MoveCssInline(html.ToString(), removeStyleElements: true, stripIdAndClassAttributes: false).Html : html.ToString();
    }

    private void Appendix(StringBuilder html, IReadOnlyList<ModelEvaluation>? evaluations)
    {
        if (evaluations is not { Count: > 0 })
            return;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"metric\" id=\"appendix\"><h2>{E(t["appendix.heading"])}</h2><p class=\"note\">{E(t["appendix.explanation"])}</p>");
        foreach (var e in evaluations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(ScoringAppendix.Summary(t, e))}</h3>");
            if (e.Scorers.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>{E(t["appendix.scorer"])}</th><th>ROC-AUC</th><th>PR-AUC</th><th>Brier</th></tr>")
                    .AppendJoin("", e.Scorers.Select(s => $"<tr><td>{E(ScoringAppendix.Scorer(t, s.Scorer))}</td><td>{ScoringAppendix.Number(t, s.RocAuc)}</td><td>{ScoringAppendix.Number(t, s.PrAuc)}</td><td>{ScoringAppendix.Number(t, s.Brier)}</td></tr>"))
                    .Append("</table>");
            }
            if (e.Importance is { Count: > 0 } importance)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{E(t["appendix.importance"])}:</p><ol>")
                    .AppendJoin("", importance.Select(i => $"<li>{E(ScoringAppendix.Feature(t, i.Feature))} ({ScoringAppendix.Number(t, i.AucDrop)})</li>")).Append("</ol>");
            }
        }
        html.Append("</div>");
    }

    private void Totals(StringBuilder html, Totals totals)
    {
        html.Append("<div class=\"totals\">");
        foreach (var (label, value) in new[] { ("messages", totals.Messages), ("sent", totals.MessagesSent), ("received", totals.MessagesReceived), ("events", totals.Events), ("contacts", totals.Contacts) })
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"total\"><b>{value}</b>{E(t["total." + label])}</div>");
        html.Append("</div>");
    }

    private void Metric(StringBuilder html, MonthlyReport r, MetricCatalog.Entry m)
    {
        var metric = m.Pick(r);
        var chart = t.Format("chart.title", m.Title(t), metric.Trend.Count);
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"{m.Key}\"><h2>{E(m.Title(t))}</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p><span class=\"value\">{E(MetricCatalog.Format(t, metric.Value, m.IsRatio))}</span><span class=\"label\">{E(m.ValueLabel(t))}</span></p>")
            .Append(MetricCatalog.Change(t, r, m) is { } change ? $"<p class=\"change\">{E(change)}</p>" : "")
            .Append(forMail ? TrendChart.Bars(metric.Trend, chart) : TrendChart.Render(metric.Trend, chart))
            .Append("<table>");
        foreach (var (label, value) in MetricCatalog.Details(t, r, m.Key))
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");
        if (m.Key == "newContacts")
        {
            foreach (var i in r.NewContacts.Introductions.Take(10))
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(t["detail.introduction"])}</th><td>{E(i.Introducer)} → {E(i.Contact)}</td></tr>");
        }
        html.Append("</table>");
        if (m.Key == "conversion" && r.Conversion.Cohorts.Count > 0)
        {
            var (header, rows, note) = MetricCatalog.CohortTable(t, r.Conversion);
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
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"contacts\"><h2>{E(t["contacts.closest"])}</h2><table>");
            foreach (var c in r.Contacts.Take(25))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><b>{E(c.Name ?? c.Address)}</b> <span class=\"tier\">{E(MetricCatalog.Tier(t, c.Tier))}</span><br><span class=\"note\">{E(c.Address)}</span><br>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"reasons\">{E(ContactReasons.Line(t, c, r.Month))}</span><br>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"note\">{E(t.Format("contacts.mailLine", t.Number(c.Depth, "0.00"), MetricCatalog.Format(t, c.Reciprocity, true), MetricCatalog.WhoStarts(t, c.ReciprocityParts), c.LastSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}</span></td></tr>");
            }
            html.Append("</table></section>");
            return;
        }
        string[] columns = ["col.name", "col.tier", "col.depth", "col.whyTraffic", "col.reciprocity", "col.whoStarts", "col.interactions", "col.lastSeen"];
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"contacts\"><h2>{E(t["contacts.closest"])}</h2><table><tr>")
            .AppendJoin("", columns.Select(c => $"<th>{E(t[c])}</th>")).Append("</tr>");
        foreach (var c in r.Contacts.Take(25))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Name ?? c.Address)}<br><span class=\"note\">{E(c.Address)}</span><br><span class=\"reasons\">{E(ContactReasons.Line(t, c, r.Month))}</span></td><td><span class=\"tier\">{E(MetricCatalog.Tier(t, c.Tier))}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{t.Number(c.Depth, "0.00")}</td><td>{t.Number(c.InteractionRankOut, "0.0")} / {t.Number(c.InteractionRankIn, "0.0")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(MetricCatalog.Format(t, c.Reciprocity, true))}</td><td>{E(MetricCatalog.WhoStarts(t, c.ReciprocityParts))}</td><td>{c.Interactions}</td><td>{c.LastSeen:yyyy-MM-dd}</td></tr>");
        }
        html.Append("</table></section>");
    }

    private void GoingCold(StringBuilder html, MonthlyReport r)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"going-cold\"><h2>{E(t["goingCold.heading"])}</h2>");
        if (r.GoingCold.Count == 0)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(t["goingCold.none"])}</p>");
        else
        {
            html.Append("<table><tr>").AppendJoin("", new[] { "col.who", "col.tier", "col.daysSinceTwoWay", "col.status" }.Select(c => $"<th>{E(t[c])}</th>")).Append("</tr>");
            foreach (var g in r.GoingCold)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(g.Name ?? g.Address)}</td><td>{E(MetricCatalog.Tier(t, g.Tier))}</td><td>{g.DaysSinceTwoWay:0}</td><td>{E(MetricCatalog.Level(t, g.Level))}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</section>");
    }

    private void OwedReplies(StringBuilder html, MonthlyReport r)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"metric\" id=\"owed-replies\"><h2>{E(t["owed.heading"])}</h2>");
        if (r.OwedReplies.Count == 0)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(t["owed.none"])}</p>");
        else
        {
            html.Append("<table><tr>").AppendJoin("", new[] { "col.from", "col.received", "col.waiting" }.Select(c => $"<th>{E(t[c])}</th>")).Append("</tr>");
            foreach (var o in r.OwedReplies)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(o.Name ?? o.Address)}</td><td>{o.Received:yyyy-MM-dd}</td><td>{E(t.Count("days", o.DaysWaiting))}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</section>");
    }

    private static string E(string? s) => HtmlEncode(s ?? "");
}
