using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace InboxNetworking.Worker.Jobs;

/// <summary>Everything the worker does for one account: sync, analyse, deliver the monthly report. One job
/// per account with a trigger per task, so that Quartz never runs two of one account's tasks at once.</summary>
[DisallowConcurrentExecution]
internal sealed class AccountJob(
    IInboxStore store,
    SyncService sync,
    AnalysisService analysis,
    DeliveryService delivery,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AccountJob> logger) : IJob
{
    public const string AccountKey = "account";
    public const string TaskKey = "task";
    public const string Sync = "sync";
    public const string Analyze = "analyze";
    public const string Report = "report";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Stopping the worker (SIGTERM) ends the work at the next batch boundary; committed batches stay.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var name = context.MergedJobDataMap.GetString(AccountKey)!;
        var task = context.MergedJobDataMap.GetString(TaskKey) ?? Sync;
        try
        {
            if (await store.FindAccountAsync(name, ct) is not { } account || await store.GetConnectionAsync(account.Id, ct) is not { } connection)
                return;
            switch (task)
            {
                case Analyze:
                    await analysis.AnalyzeAsync(account, ct);
                    break;
                default:
                    // The report task syncs first, so the month's last days are in it.
                    await SyncThenDeliverAsync(account, connection, ct);
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log.JobStopped(logger, name, task);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One account's failure never stops the worker; the next trigger tries again.
            Log.JobFailed(logger, name, task, e.GetType().Name, e.Message);
        }
    }

    private async Task SyncThenDeliverAsync(Account account, AccountConnection connection, CancellationToken ct)
    {
        var result = await sync.SyncAsync(account, connection, progress: null, ct);
        if (result.State != ConnectionState.Ok)
            return;
        if (result.BroughtNewData && await AnalysisDueAsync(account, ct))
            await analysis.AnalyzeAsync(account, ct);
        // A report missed while the worker was off is due still: it goes out at the next sync.
        await delivery.DeliverDueAsync(account, ct);
    }

    private async Task<bool> AnalysisDueAsync(Account account, CancellationToken ct) =>
        (await store.GetStatusAsync(account.Id, ct)).LastAnalysis is not { } last || time.GetUtcNow() - last >= options.Value.AnalysisInterval;
}
