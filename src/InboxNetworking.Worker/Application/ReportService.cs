using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Ports;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting;
using InboxNetworking.Reporting.Delivery;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Reporting.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InboxNetworking.Worker.Application;

/// <summary>`inboxnet report`: renders a stored month, analysing first when the analysis is missing or stale.</summary>
internal sealed class ReportService(IInboxStore store, AnalysisService analysis, IOptions<ReportOptions> options, TimeProvider time)
{
    /// <summary>The report as the mail message that delivery APPENDs (issue 10 makes its HTML mail-safe).</summary>
    public const string EmlFormat = "eml";

    public static IReadOnlyList<string> Formats => [.. ReportRenderers.Formats, EmlFormat];

    /// <param name="account">Whose report.</param>
    /// <param name="month">YYYY-MM.</param>
    /// <param name="format">One of <see cref="Formats"/>.</param>
    /// <param name="language">The report's language (<c>--lang</c>); null: the account's setting.</param>
    /// <param name="cancellationToken">Stops the analysis a stale report needs.</param>
    public async Task<string> RenderAsync(Account account, string month, string format, string? language, CancellationToken cancellationToken)
    {
        var isEml = string.Equals(format, EmlFormat, StringComparison.OrdinalIgnoreCase);
        var text = TextFor(account, language);
        var renderer = ReportRenderers.For(format, text);
        if (renderer is null && !isEml)
            throw new UserError($"--format '{format}' is not known: use one of {string.Join(", ", Formats)}");
        var report = await RequireAsync(account, month, cancellationToken);
        return isEml ? MessageText(MessageFor(account, report, text: text)) : renderer!.Render(report);
    }

    /// <summary>The words of the account's reports: <paramref name="language"/> when given, else the account's
    /// <c>InboxNet:Report:AccountLanguages</c> entry, else <c>InboxNet:Report:Language</c>.</summary>
    /// <exception cref="UserError">The language is not supported.</exception>
    public ReportText TextFor(Account account, string? language = null) => RequireLanguage(language ?? options.Value.LanguageOf(account.Name));

    /// <exception cref="UserError">The language is not supported: the message names those that are.</exception>
    public static ReportText RequireLanguage(string language) =>
        ReportText.Languages.Contains(language)
            ? ReportText.For(language)
            : throw new UserError($"--lang '{language}' is not supported: use one of {string.Join(", ", ReportText.Languages)}");

    /// <summary>The month's analysed report, analysing first when the analysis is missing or stale.</summary>
    /// <exception cref="UserError">The month is malformed or has no data.</exception>
    public async Task<MonthlyReport> RequireAsync(Account account, string month, CancellationToken cancellationToken) =>
        await LoadAsync(account, month, cancellationToken) ?? throw new UserError(await NoDataAsync(account, month, cancellationToken));

    /// <summary>The month's analysed report, or null when the month has no data.</summary>
    public async Task<MonthlyReport?> LoadAsync(Account account, string month, CancellationToken cancellationToken)
    {
        if (!MonthCalendar.TryParseKey(month, out _))
            throw new UserError($"--month '{month}' is not a month: use YYYY-MM, e.g. 2025-03");
        var months = await store.ListReportMonthsAsync(account.Id, cancellationToken);
        var status = await store.GetStatusAsync(account.Id, cancellationToken);
        // Never analysed, or mail came in since: the stored months are stale, so analyse first. A sync that brought
        // nothing does not count: the worker would otherwise analyse at every sync while a due month has no data.
        if (months.Count == 0 || status.AnalysisStale)
            await analysis.AnalyzeAsync(account, cancellationToken);
        return await store.LoadReportAsync(account.Id, month, cancellationToken);
    }

    /// <summary>The report as a message to the account's owner; <paramref name="copy"/> makes a deliberate
    /// second copy with a Message-ID of its own.</summary>
    public MimeMessage MessageFor(Account account, MonthlyReport report, bool copy = false, ReportText? text = null)
    {
        var owner = account.OwnerAddresses.Count > 0 ? account.OwnerAddresses[0]
            : throw new UserError($"account '{account.Name}' has no owner address to address the report to");
        return ReportMessage.Build(report, owner, time.GetUtcNow(), copy, text ?? TextFor(account));
    }

    public static string MessageText(MimeMessage message)
    {
        using var memory = new MemoryStream();
        message.WriteTo(FormatOptions.Default, memory);
        return System.Text.Encoding.UTF8.GetString(memory.ToArray());
    }

    private async Task<string> NoDataAsync(Account account, string month, CancellationToken cancellationToken)
    {
        var months = await store.ListReportMonthsAsync(account.Id, cancellationToken);
        var range = months.Count == 0 ? "the account has no data yet: run 'inboxnet import' or 'inboxnet sync' first" : $"months with data are {months[0]} to {months[^1]}";
        return $"no data for {month} in account '{account.Name}': {range}";
    }

    /// <summary>Writes to a temporary file first, so a failure leaves nothing half-written.</summary>
    public static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        await File.WriteAllTextAsync(temp, content, cancellationToken);
        File.Move(temp, full, overwrite: true);
    }
}
