using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Reporting.Text;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Reporting;

/// <summary>The report's languages: the same keys and placeholders in each, and Russian plural forms.</summary>
public sealed partial class ReportTextTests
{
    private static Dictionary<string, string> Resources(string name)
    {
        var manager = new ResourceManager($"InboxNetworking.Reporting.Text.{name}", typeof(ReportText).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void EveryLanguage_HasTheSameKeys_WithTheSamePlaceholders()
    {
        var english = Resources("English");
        var russian = Resources("Russian");
        Assert.True(english.Count > 200, $"{english.Count} keys");
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), russian.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            var placeholders = Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();
            // A plural form may spell out its number ("one meeting"), so only the other placeholders must agree.
            var theirs = Placeholder().Matches(russian[key]).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();
            Assert.True(placeholders.Except(["{0}"]).SequenceEqual(theirs.Except(["{0}"])), $"{key}: {text} / {russian[key]}");
            Assert.False(string.IsNullOrWhiteSpace(russian[key]), key);
        }
    }

    [Fact]
    public void RussianPlurals_FollowTheCldrRule_From0To111()
    {
        var ru = ReportText.For("ru");
        int[] one = [1, 21, 31, 41, 51, 61, 71, 81, 91, 101];
        int[] few = [2, 3, 4, 22, 23, 24, 32, 33, 34, 42, 43, 44, 52, 53, 54, 62, 63, 64, 72, 73, 74, 82, 83, 84, 92, 93, 94, 102, 103, 104];
        for (var n = 0; n <= 111; n++)
            Assert.Equal(one.Contains(n) ? "one" : few.Contains(n) ? "few" : "many", ru.PluralCategory(n));

        Assert.StartsWith("1 контакт перешёл", ru.Count("hl.converted", 1), StringComparison.Ordinal);
        Assert.StartsWith("2 контакта перешли", ru.Count("hl.converted", 2), StringComparison.Ordinal);
        Assert.StartsWith("5 контактов перешли", ru.Count("hl.converted", 5), StringComparison.Ordinal);
        Assert.StartsWith("11 контактов перешли", ru.Count("hl.converted", 11), StringComparison.Ordinal);
        Assert.StartsWith("21 контакт перешёл", ru.Count("hl.converted", 21), StringComparison.Ordinal);
        Assert.Equal("1 day", ReportText.English.Count("days", 1));
        Assert.Equal("21 days", ReportText.English.Count("days", 21));
    }

    [Fact]
    public void EveryScoringFeature_HasPlainWords_InEveryLanguage()
    {
        foreach (var t in ReportText.Languages.Select(ReportText.For))
            Assert.All(InboxNetworking.Scoring.FeatureSchema.Names, name => Assert.DoesNotContain(name, InboxNetworking.Reporting.ScoringAppendix.Feature(t, name), StringComparison.Ordinal));
        var en = ReportText.English;
        Assert.Equal("raised by the days you were in touch in the last 3 months", InboxNetworking.Reporting.ScoringAppendix.Factor(en, new("activeDays3m", Raised: true)));
        Assert.Equal("lowered by how recently you were in touch", InboxNetworking.Reporting.ScoringAppendix.Factor(en, new("daysSinceLast", Raised: false)));
        Assert.Equal("их недавние письма вам (повышает оценку)", InboxNetworking.Reporting.ScoringAppendix.Factor(ReportText.For("ru"), new("rankIn60d", Raised: true)));
    }

    [Fact]
    public void RussianNumbersAndMonths_AreWrittenTheRussianWay()
    {
        var ru = ReportText.For("ru");
        Assert.Equal("0,42", ru.Number(0.42, "0.00"));
        Assert.Equal("ноябрь 2025", ru.Month("2025-11"));
        Assert.Equal("5 ноября 2025", ru.Date(new DateTimeOffset(2025, 11, 5, 12, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentException>(() => ReportText.For("de"));
    }

    [Fact]
    public void ARussianReport_SpeaksRussian_ButLeavesNamesAndAddressesAsTheyAre()
    {
        var report = Reports.Sample();
        var ru = ReportText.For("ru");
        var markdown = new MarkdownReportRenderer(ru).Render(report);
        var html = new HtmlReportRenderer(text: ru).Render(report);

        Assert.Contains("## Коротко", markdown, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        foreach (var c in report.Contacts)
            Assert.Contains(System.Net.WebUtility.HtmlEncode(c.Name ?? c.Address), html, StringComparison.Ordinal);
        Assert.DoesNotContain("At a glance", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("This month: what to do", html, StringComparison.Ordinal);
        var subject = InboxNetworking.Reporting.Delivery.ReportMessage.Build(report, "me@corp.example", DateTimeOffset.UnixEpoch, text: ru).Subject;
        Assert.StartsWith("Ваш отчёт о нетворкинге за ", subject, StringComparison.Ordinal);
    }
}
