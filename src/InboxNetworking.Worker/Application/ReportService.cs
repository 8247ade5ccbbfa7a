using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Ports;
using InboxNetworking.Reporting.Renderers;

namespace InboxNetworking.Worker.Application;

/// <summary>`inboxnet report`: renders a stored month, analysing first when the analysis is missing or stale.</summary>
internal sealed class ReportService(IInboxStore store, AnalysisService analysis)
{
    public async Task<string> RenderAsync(Account account, string month, string format, CancellationToken cancellationToken)
    {
        if (!MonthCalendar.TryParseKey(month, out _))
            throw new UserError($"--month '{month}' is not a month: use YYYY-MM, e.g. 2025-03");
        var renderer = ReportRenderers.For(format)
            ?? throw new UserError($"--format '{format}' is not known: use one of {string.Join(", ", ReportRenderers.Formats)}");
        var months = await store.ListReportMonthsAsync(account.Id, cancellationToken);
        var status = await store.GetStatusAsync(account.Id, cancellationToken);
        // Never analysed, or imported into or synced since: the stored months are stale, so analyse first.
        if (months.Count == 0 || status.LastImport > status.LastAnalysis || status.LastSync > status.LastAnalysis)
        {
            await analysis.AnalyzeAsync(account, cancellationToken);
            months = await store.ListReportMonthsAsync(account.Id, cancellationToken);
        }
        var report = await store.LoadReportAsync(account.Id, month, cancellationToken);
        if (report is null)
        {
            var range = months.Count == 0 ? "the account has no data yet: run 'inboxnet import' first" : $"months with data are {months[0]} to {months[^1]}";
            throw new UserError($"no data for {month} in account '{account.Name}': {range}");
        }
        return renderer.Render(report);
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
