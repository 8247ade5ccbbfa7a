using System.Text.Json;
using AngleSharp.Html.Parser;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Reporting.Text;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Reporting;

/// <summary>The four formats: escaping, self-containment, and the JSON contract's field names.</summary>
public sealed class RendererTests
{
    private static readonly MonthlyReport Report = Reports.Sample();

    [Fact]
    public void Html_EscapesEveryNameSoNoMarkupFromMailSurvives()
    {
        var doc = new HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.Contains(Reports.HostileName, doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("acct <b>", doc.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsSelfContained_WithAnInlineSvgChartPerMetric()
    {
        var html = new HtmlReportRenderer().Render(Report);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal(8, doc.QuerySelectorAll("section.metric svg.chart").Length);
        Assert.Empty(doc.QuerySelectorAll("link, script, iframe, object"));
        // Nothing is fetched: no element points anywhere (names that look like URLs are text, not links).
        Assert.DoesNotContain(doc.All, e => e.HasAttribute("src") || e.HasAttribute("href") || e.HasAttribute("xlink:href"));
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        // 11 months with a value, one without (a dash instead of a bar)
        Assert.Equal(11, doc.QuerySelectorAll("#depth svg rect").Length);
    }

    [Fact]
    public void Html_OpensWithTheMonthAtAGlance()
    {
        var doc = new HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        var items = doc.QuerySelectorAll("#highlights li").Select(li => li.TextContent).ToList();
        Assert.Contains("2 new contacts; 0 already answered both ways.", items);
        Assert.Contains("1 core and 2 strong ties; 0 people in your active network this month.", items);
        Assert.Contains($"Going cold: {Reports.HostileName}.", items);
        Assert.Contains($"You owe 1 reply: {Reports.HostileName}.", items);
    }

    [Fact]
    public void Html_ShowsCohortsWithCensoredHorizonsMarked()
    {
        var doc = new HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        var rows = doc.QuerySelectorAll("#conversion table")[1].QuerySelectorAll("tr").Skip(1)
            .Select(tr => string.Join("|", tr.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Equal(["2025-06|4|1|2|2|3", "2025-11|2|0|–|–|–"], rows);
        Assert.Contains("censored", doc.QuerySelector("#conversion")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_UsesTheContractFieldNames()
    {
        using var json = JsonDocument.Parse(new JsonReportRenderer().Render(Report));
        var root = json.RootElement;
        foreach (var field in (string[])["schemaVersion", "account", "month", "timeZone", "totals", "newContacts", "frequency", "engagement",
            "conversion", "depth", "reciprocity", "influence", "access", "contacts"])
            Assert.True(root.TryGetProperty(field, out _), field);
        foreach (var field in (string[])["messages", "messagesSent", "messagesReceived", "events", "contacts"])
            Assert.True(root.GetProperty("totals").TryGetProperty(field, out _), field);
        var trend = root.GetProperty("depth").GetProperty("trend");
        Assert.Equal("2025-01", trend[0].GetProperty("month").GetString());
        Assert.Equal(JsonValueKind.Null, trend[0].GetProperty("value").ValueKind);
        var contact = root.GetProperty("contacts")[0];
        foreach (var field in (string[])["address", "name", "tier", "depth", "reciprocity", "interactions", "firstSeen", "lastSeen"])
            Assert.True(contact.TryGetProperty(field, out _), field);
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var back = ReportJson.Deserialize(new JsonReportRenderer().Render(Report));
        Assert.Equal(Report.Contacts[0], back.Contacts[0] with { ReciprocityParts = null });
        Assert.Equal(Report.Totals, back.Totals);
    }

    [Fact]
    public void Csv_QuotesAndDefusesFormulas()
    {
        var lines = new CsvContactsRenderer().Render(Report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("address,name,tier,depth,s0,reciprocity,interactions,firstSeen,lastSeen,interactionRankOut", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("evil@x.example,\"<script>alert('x')</script> & \"\"Bobby\"\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFormat_SaysWhoStartsTheConversations_AndCsvCarriesTheFiguresBehindIt()
    {
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        var rows = html.QuerySelectorAll("#contacts tr").Skip(1).Select(tr => tr.TextContent).ToList();
        Assert.Contains("no conversation started yet", rows[0], StringComparison.Ordinal);
        Assert.Contains("they start most conversations", rows[1], StringComparison.Ordinal);
        Assert.Contains("| they start most conversations |", new MarkdownReportRenderer().Render(Report), StringComparison.Ordinal);

        var csv = new CsvContactsRenderer().Render(Report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",interactionRank,initiationBalance,initiatedByOwner,initiatedByContact,ownerReplyRate,contactReplyRate,ownerMedianReplyHours,contactMedianReplyHours,depthProbability,ownerReplyProbability,contactReplyProbability,reciprocityModel,replyAsymmetry", csv[0], StringComparison.Ordinal);
        Assert.EndsWith(",12.5,-0.75,1,7,0.5,1,30,2,,,,,", csv[2], StringComparison.Ordinal); // no ML figures where no model is used

        var json = JsonDocument.Parse(new JsonReportRenderer().Render(Report)).RootElement.GetProperty("contacts")[1];
        Assert.Equal(12.5, json.GetProperty("interactionRank").GetDouble());
        Assert.Equal(-0.75, json.GetProperty("reciprocityParts").GetProperty("initiationBalance").GetDouble());
        Assert.Equal(7, json.GetProperty("reciprocityParts").GetProperty("initiatedByContact").GetInt32());
        Assert.Equal(1, json.GetProperty("reciprocityParts").GetProperty("initiatedByOwner").GetInt32());
        Assert.Equal((0.5, 1.0, 30.0, 2.0), (json.GetProperty("ownerReplyRate").GetDouble(), json.GetProperty("contactReplyRate").GetDouble(),
            json.GetProperty("ownerMedianReplyHours").GetDouble(), json.GetProperty("contactMedianReplyHours").GetDouble()));
    }

    [Fact]
    public void WhereTheModelScored_AContact_TheReportSaysWhatMovedItsScore()
    {
        var report = Report with { Contacts = [Report.Contacts[0] with { ScoreReasons = ["raised by their recent messages to you", "lowered by how recently you were in touch"] }, .. Report.Contacts.Skip(1)] };
        const string said = "score raised by their recent messages to you, lowered by how recently you were in touch";
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(report));
        Assert.Contains(said, html.QuerySelectorAll("#contacts tr")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains(said, new MarkdownReportRenderer().Render(report), StringComparison.Ordinal);
        Assert.Contains(said, new HtmlReportRenderer(forMail: true).Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain("score raised", new MarkdownReportRenderer().Render(Report), StringComparison.Ordinal);
    }

    [Fact]
    public void EachHeadline_SaysWhatChanged_AgainstLastMonthAndTheUsualLevel()
    {
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        Assert.Equal("2, 2 more than in November; your usual is 1.5", html.QuerySelector("#newContacts .change")?.TextContent);
        Assert.Equal("5, 1 fewer than in November; too early to know your usual level", html.QuerySelector("#frequency .change")?.TextContent);
        Assert.Contains("2, 2 more than in November; your usual is 1.5.\n", new MarkdownReportRenderer().Render(Report), StringComparison.Ordinal);

        var json = JsonDocument.Parse(new JsonReportRenderer().Render(Report)).RootElement;
        Assert.Equal(0, json.GetProperty("newContacts").GetProperty("previous").GetDouble());
        Assert.Equal(1.5, json.GetProperty("newContacts").GetProperty("usual").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("frequency").GetProperty("usual").ValueKind);
    }

    [Fact]
    public void EveryListedContact_GetsReasonsInPlainWords_FromItsOwnFacts()
    {
        var json = JsonDocument.Parse(new JsonReportRenderer().Render(Report)).RootElement.GetProperty("contacts");
        Assert.Equal(
            ["3 messages from you and 1 message from them in the last 4 weeks (10 and 8 in 90 days)", "2 meetings together in the last 90 days",
             "you usually answer within 3 hours, they within a day"],
            json[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(
            ["no message either way in the last 90 days; the last was on 20 December 2025", "they start most conversations"],
            json[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        Assert.Contains("2 meetings together in the last 90 days", html.QuerySelectorAll("#contacts .reasons")[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0.9", html.QuerySelectorAll("#contacts .reasons")[0].TextContent, StringComparison.Ordinal); // no raw scores in words
    }

    [Fact]
    public void WhatToDo_IsARankedListInEveryFormat_OrOneLineWhenNothingIsDue()
    {
        string[] expected =
        [
            $"Reply to {Reports.HostileName}: their message has waited 3 days.",
            "And 4 more replies owed: see \"Replies you owe\".",
            $"Get back in touch with {Reports.HostileName}: no exchange both ways for 30 days, well past your usual rhythm.",
            "Follow up with Nia: a new contact who answered you, not met yet; your last message was 26 days ago.",
            "Leave room for formula@x.example to start: you began 7 of your last 8 conversations.",
        ];
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(Report));
        Assert.Equal(expected, html.QuerySelectorAll("#actions li").Select(li => li.TextContent));
        Assert.Empty(html.QuerySelectorAll("#actions script, #actions img")); // the hostile name stays text
        var json = JsonDocument.Parse(new JsonReportRenderer().Render(Report)).RootElement.GetProperty("actions");
        Assert.Equal(expected, json.EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(["reply", "replies", "reconnect", "follow-up", "let-them-lead"], json.EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("evil@x.example", json[0].GetProperty("address").GetString());
        Assert.Contains("2. And 4 more replies owed", new MarkdownReportRenderer().Render(Report), StringComparison.Ordinal);

        var quiet = Report with { Actions = [] };
        Assert.Contains("Nothing needs you this month", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(quiet)).QuerySelector("#actions")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AreasToImproveAndStrengths_ComeFromThePersonsOwnHistory_NeverFromTooLittle()
    {
        static List<TrendPoint> Trend(params double[] values) => values.Select((v, k) => new TrendPoint($"2025-{k + 1:D2}", v)).ToList();
        var report = Report with
        {
            NewContacts = Report.NewContacts with { Value = 1, Trend = Trend(5, 6, 5, 7, 6, 5, 6, 1) },
            Frequency = Report.Frequency with { Value = 7, Trend = Trend(3, 3, 3, 3, 4, 5, 6, 7) },
        };
        var areas = JsonDocument.Parse(new JsonReportRenderer().Render(report)).RootElement.GetProperty("areas").EnumerateArray()
            .ToDictionary(a => a.GetProperty("metric").GetString()!, a => (Direction: a.GetProperty("direction").GetString(), Text: a.GetProperty("text").GetString()));
        Assert.Equal("improve", areas["newContacts"].Direction);
        Assert.StartsWith("New contacts is in the lowest quarter of your last 8 months: 1, ", areas["newContacts"].Text, StringComparison.Ordinal);
        Assert.EndsWith("Try: ask someone you trust for one introduction this month.", areas["newContacts"].Text, StringComparison.Ordinal);
        Assert.Equal("strength", areas["frequency"].Direction);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(new HtmlReportRenderer().Render(report));
        Assert.Equal(areas.Count, html.QuerySelectorAll("#areas li").Length);

        // With fewer than 6 months behind it, no metric is judged.
        var young = report with
        {
            NewContacts = report.NewContacts with { Trend = Trend(5, 1) },
            Frequency = report.Frequency with { Trend = Trend(3, 7) },
            Engagement = report.Engagement with { Trend = [] }, Conversion = report.Conversion with { Trend = [] },
            Depth = report.Depth with { Trend = [] }, Reciprocity = report.Reciprocity with { Trend = [] },
            Influence = report.Influence with { Trend = [] }, Access = report.Access with { Trend = [] },
        };
        Assert.Empty(JsonDocument.Parse(new JsonReportRenderer().Render(young)).RootElement.GetProperty("areas").EnumerateArray());
        Assert.Contains("Too early to tell areas to improve", new MarkdownReportRenderer().Render(young), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_EscapesMarkupInNames()
    {
        var md = new MarkdownReportRenderer().Render(Report);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains(@"\<script\>", md, StringComparison.Ordinal);
        Assert.Contains("## Depth: 3", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Renderers_AreFoundByTheirFormatName()
    {
        Assert.Equal(["html", "md", "json", "csv"], ReportRenderers.Formats);
        Assert.IsType<MarkdownReportRenderer>(ReportRenderers.For("MD", ReportText.English));
        Assert.Null(ReportRenderers.For("pdf", ReportText.English));
    }
}
