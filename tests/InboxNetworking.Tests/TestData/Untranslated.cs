using System.Text.RegularExpressions;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Tests.TestData;

/// <summary>What of a translated report is still English: the Latin words left once names, addresses and the
/// measures' own names (Interaction Rank, ROC-AUC...) are taken out.</summary>
internal static partial class Untranslated
{
    [GeneratedRegex(@"Interaction Rank|ROC-AUC|PR-AUC|Brier|\bS0\b|\bML\b|\bp = |depth-fasttree-\d+/\d{4}-\d{2}")]
    private static partial Regex Measures();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    public static List<string> EnglishWords(string text, IEnumerable<string> names)
    {
        foreach (var name in names.Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.Ordinal);
        return [.. LatinWord().Matches(Measures().Replace(text, " ")).Select(m => m.Value).Distinct()];
    }

    /// <summary>Every name and address a report shows (the account, its time zone, the people, the lists).</summary>
    public static IEnumerable<string> NamesIn(MonthlyReport r) =>
        new[] { r.Account, r.TimeZone }
            .Concat(r.Contacts.SelectMany(c => new[] { c.Address, c.Name }))
            .Concat(r.GoingCold.SelectMany(g => new[] { g.Address, g.Name }))
            .Concat(r.OwedReplies.SelectMany(o => new[] { o.Address, o.Name }))
            .Concat(r.Actions.SelectMany(a => new[] { a.Address, a.Name }))
            .Concat(r.NewContacts.Introductions.SelectMany(i => new[] { i.Contact, i.Introducer }))
            .OfType<string>();
}
