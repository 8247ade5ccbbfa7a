using System.CommandLine;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet run`: the worker, until Ctrl+C or SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("run", "The worker: syncs every connected account on a schedule, analyses, and delivers the monthly report on the 1st. Stops cleanly on Ctrl+C or SIGTERM.");
        command.SetAction((parse, ct) => context.RunInDataDirectoryAsync(parse, async dataDir =>
        {
            using var host = WorkerHost.Build(dataDir, context.Time, context.Error);
            InboxNetServices.ValidateOptions(host.Services);
            var store = host.Services.GetRequiredService<IInboxStore>();
            var connected = 0;
            foreach (var a in await store.ListAccountsAsync(ct))
                connected += await store.GetConnectionAsync(a.Id, ct) is null ? 0 : 1;
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("InboxNetworking.Worker");
            Log.WorkerStarted(logger, dataDir, connected, host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.SyncInterval);
            await host.RunAsync(ct);
            return 0;
        }));
        return command;
    }
}
