using InboxNetworking.Tests.TestData;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace InboxNetworking.Tests.Worker;

/// <summary>The worker's host as `inboxnet run` builds it, from the data directory's settings.</summary>
public sealed class WorkerHostTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(null, 2)]
    [InlineData(12, 12)]
    public async Task Scheduler_RunsAsManyAccountsAtOnceAsMaxConcurrentAccountsSays(int? configured, int expected)
    {
        Directory.CreateDirectory(_dir.Path);
        if (configured is { } n)
            File.WriteAllText(DataDirectory.SettingsPath(_dir.Path), $$"""{ "InboxNet": { "Worker": { "MaxConcurrentAccounts": {{n}} } } }""");
        using var host = WorkerHost.Build(_dir.Path, TimeProvider.System, TextWriter.Null);

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Equal(expected, (await scheduler.GetMetadata()).ThreadPoolSize);
        await scheduler.Shutdown(waitForJobsToComplete: false);
    }
}
