using System.ComponentModel.DataAnnotations;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>How reports are written (section InboxNet:Report).</summary>
public sealed class ReportOptions : IValidatableObject
{
    public const string Section = "InboxNet:Report";

    /// <summary>The language of every report ("en" or "ru"); <c>--lang</c> overrides it for one command.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Per account, a language other than <see cref="Language"/>: account name to language.</summary>
    public Dictionary<string, string> AccountLanguages { get; set; } = [];

    /// <summary>The account's language: its own, else the default.</summary>
    public string LanguageOf(string account) => AccountLanguages.GetValueOrDefault(account) ?? Language;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var supported = string.Join(", ", ReportText.Languages);
        if (!ReportText.Languages.Contains(Language))
            yield return new ValidationResult($"Language '{Language}' is not supported: use one of {supported}", [nameof(Language)]);
        foreach (var (account, language) in AccountLanguages.Where(a => !ReportText.Languages.Contains(a.Value)))
            yield return new ValidationResult($"AccountLanguages:{account} '{language}' is not supported: use one of {supported}", [nameof(AccountLanguages)]);
    }
}
