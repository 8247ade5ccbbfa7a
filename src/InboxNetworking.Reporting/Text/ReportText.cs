using System.Globalization;
using System.Resources;

namespace InboxNetworking.Reporting.Text;

/// <summary>The report's words in one language. Every heading, sentence, label and month name of every format comes
/// from the language's resources (Text/English.resx, Text/Russian.resx: the same keys), never from the renderers;
/// names and addresses are data and never pass through here.</summary>
public sealed class ReportText
{
    private static readonly Dictionary<string, (string Resources, string Decimal)> Known = new(StringComparer.Ordinal)
    {
        ["en"] = ("English", "."),
        ["ru"] = ("Russian", ","),
    };

    private readonly ResourceManager _resources;
    private readonly CultureInfo _numbers;

    private ReportText(string language, string resources, string decimalSeparator)
    {
        Language = language;
        _resources = new ResourceManager($"InboxNetworking.Reporting.Text.{resources}", typeof(ReportText).Assembly);
        // Numbers only: the process runs with invariant globalization, so the language's separators are set here.
        _numbers = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        _numbers.NumberFormat.NumberDecimalSeparator = decimalSeparator;
        _numbers.NumberFormat.PercentDecimalSeparator = decimalSeparator;
    }

    /// <summary>One per language, made once: each holds its loaded resources.</summary>
    private static readonly Dictionary<string, ReportText> Made =
        Known.ToDictionary(k => k.Key, k => new ReportText(k.Key, k.Value.Resources, k.Value.Decimal), StringComparer.Ordinal);

    /// <summary>The supported languages, as <c>--lang</c> and <c>InboxNet:Report:Language</c> name them.</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. Known.Keys];

    public static ReportText English { get; } = For("en");

    /// <summary>"en" or "ru".</summary>
    public string Language { get; }

    /// <exception cref="ArgumentException">The language is not one of <see cref="Languages"/>.</exception>
    public static ReportText For(string language) =>
        Made.TryGetValue(language, out var text)
            ? text
            : throw new ArgumentException($"unknown report language '{language}': use one of {string.Join(", ", Languages)}", nameof(language));

    /// <summary>The text under <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such key: a renderer asked for words nobody wrote.</exception>
    public string this[string key] => _resources.GetString(key, CultureInfo.InvariantCulture) ?? throw new KeyNotFoundException($"report text '{key}' is missing in {Language}");

    /// <summary>The text under <paramref name="key"/> with its {0}, {1}... filled in, numbers in the language's format.</summary>
    public string Format(string key, params object?[] args) => string.Format(_numbers, this[key], args);

    /// <summary>The plural form of <paramref name="key"/> for <paramref name="n"/> (keys <c>key.one</c>, <c>key.few</c>,
    /// <c>key.many</c>), with n as {0} and the rest as {1}, {2}...</summary>
    public string Count(string key, double n, params object?[] args)
    {
        var whole = (long)Math.Round(n, MidpointRounding.AwayFromZero);
        return Format($"{key}.{PluralCategory(whole)}", [whole, .. args]);
    }

    /// <summary>The CLDR plural category of a whole number: English one/other (written "many"); Russian one
    /// (n%10 = 1, n%100 != 11), few (n%10 in 2..4, n%100 not in 12..14), many (the rest).</summary>
    public string PluralCategory(long n)
    {
        if (Language != "ru")
            return n == 1 ? "one" : "many";
        var (units, tens) = (Math.Abs(n) % 10, Math.Abs(n) % 100);
        return units == 1 && tens != 11 ? "one" : units is >= 2 and <= 4 && tens is < 12 or > 14 ? "few" : "many";
    }

    /// <summary>A number in the language's format, e.g. 0.42 as "0,42" in Russian.</summary>
    public string Number(double value, string format) => value.ToString(format, _numbers);

    /// <summary>"November 2025" / "ноябрь 2025" for "2025-11"; only the month with <paramref name="withYear"/> false.
    /// <paramref name="form"/>: "" (the name), "in" (after "in": "в ноябре"), "of" (a date's: "1 ноября").</summary>
    public string Month(string key, bool withYear = true, string form = "")
    {
        if (!DateTime.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return key;
        return Month(d, withYear, form);
    }

    public string Month(DateTime date, bool withYear = true, string form = "")
    {
        var name = this[$"month{(form.Length == 0 ? "" : "." + form)}.{date.Month}"];
        return withYear ? $"{name} {date.Year.ToString(CultureInfo.InvariantCulture)}" : name;
    }

    /// <summary>"5 November 2025" / "5 ноября 2025".</summary>
    public string Date(DateTimeOffset date) =>
        $"{date.Day.ToString(CultureInfo.InvariantCulture)} {Month(date.DateTime, withYear: true, form: "of")}";
}
