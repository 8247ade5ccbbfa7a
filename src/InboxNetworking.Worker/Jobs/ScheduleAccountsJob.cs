using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace InboxNetworking.Worker.Jobs;

/// <summary>Gives every connected account its job and triggers, so an account connected while the worker
/// runs is picked up without a restart.</summary>
[DisallowConcurrentExecution]
internal sealed class ScheduleAccountsJob(IInboxStore store, IOptions<WorkerOptions> options, TimeProvider time, ILogger<ScheduleAccountsJob> logger) : IJob
{
    public static readonly JobKey Key = new("schedule-accounts", "worker");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var scheduler = context.Scheduler;
        var o = options.Value;
        foreach (var account in await store.ListAccountsAsync(cancellationToken))
        {
            if (await store.GetConnectionAsync(account.Id, cancellationToken) is null)
                continue;
            var job = new JobKey(account.Name, "account");
            if (await scheduler.Exists(job, cancellationToken))
            {
                // The schedule is persisted: a changed SyncInterval takes effect on the next scan.
                var syncKey = new TriggerKey(AccountJob.Sync, account.Name);
                if (await scheduler.GetTrigger(syncKey, cancellationToken) is ISimpleTrigger { RepeatInterval: var interval } && interval != o.SyncInterval)
                    await scheduler.RescheduleJob(syncKey, SyncTrigger(account.Name, o, time), cancellationToken);
                continue;
            }
            var zone = Application.TimeZones.Require(account.TimeZoneId);
            var detail = JobBuilder.Create<AccountJob>().WithIdentity(job).UsingJobData(AccountJob.AccountKey, account.Name).StoreDurably().Build();
            ITrigger[] triggers =
            [
                SyncTrigger(account.Name, o, time),
                TriggerBuilder.Create().WithIdentity(AccountJob.Analyze, account.Name).UsingJobData(AccountJob.TaskKey, AccountJob.Analyze)
                    .StartAt(time.GetUtcNow()).WithCronSchedule(o.NightlyAnalysisCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build(),
                // Misfired (the machine was off on the 1st): fire once when the worker is back.
                TriggerBuilder.Create().WithIdentity(AccountJob.Report, account.Name).UsingJobData(AccountJob.TaskKey, AccountJob.Report)
                    .StartAt(time.GetUtcNow()).WithCronSchedule($"0 0 {o.MonthlyReportHour} 1 * ?", c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build(),
            ];
            await scheduler.ScheduleJob(detail, triggers, new ScheduleJobOptions { Replace = true }, cancellationToken);
            Log.Scheduled(logger, account.Name, o.SyncInterval, o.MonthlyReportHour, account.TimeZoneId);
        }
    }

    // Start times come from the scheduler's own clock (TimeProvider), never from StartNow's wall clock.
    private static ITrigger SyncTrigger(string account, WorkerOptions o, TimeProvider time) =>
        TriggerBuilder.Create().WithIdentity(AccountJob.Sync, account).ForJob(account, "account").UsingJobData(AccountJob.TaskKey, AccountJob.Sync)
            .StartAt(time.GetUtcNow()).WithSimpleSchedule(s => s.WithInterval(o.SyncInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build();
}
