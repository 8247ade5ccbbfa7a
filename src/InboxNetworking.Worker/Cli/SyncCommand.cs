using System.CommandLine;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet sync [--account NAME]`: bring connected accounts up to date now.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string?>("--account") { Description = "Sync this account only (default: every connected account)", HelpName = "NAME" };
        var command = new Command("sync", "Fetch what is new in every tracked folder (headers only), then analyse.") { account };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var accounts = new List<(Account, AccountConnection)>();
            if (parse.GetValue(account) is { } name)
            {
                var a = await CliContext.RequireAccountAsync(store, name, ct);
                var c = await store.GetConnectionAsync(a.Id, ct)
                    ?? throw new UserError($"account '{name}' has no mailbox connected (it is fed by imports): connect one with 'inboxnet connect imap --account {name} ...'");
                accounts.Add((a, c));
            }
            else
            {
                foreach (var a in await store.ListAccountsAsync(ct))
                {
                    if (await store.GetConnectionAsync(a.Id, ct) is { } c)
                        accounts.Add((a, c));
                }
                if (accounts.Count == 0)
                    throw new UserError("no mailbox connected yet: run 'inboxnet connect imap --account NAME --host HOST --user USER' first");
            }

            var sync = services.GetRequiredService<SyncService>();
            var analysis = services.GetRequiredService<AnalysisService>();
            var failed = 0;
            foreach (var (a, c) in accounts)
            {
                var progress = new SyncProgress(context.Error, a.Name, context.Time, context.ErrorIsTerminal);
                var result = await sync.SyncAsync(a, c, progress, ct);
                progress.Finish();
                if (result.Error is not null)
                {
                    failed++;
                    await context.Output.WriteLineAsync($"{a.Name}: sync failed ({(result.State == ConnectionState.NeedsReconnect ? "needs reconnect" : "failing")}): {result.Error}");
                    continue;
                }
                await context.Output.WriteLineAsync($"{a.Name}: {result.Summary}.");
                if (result.BroughtNewData)
                    await analysis.AnalyzeAsync(a, ct);
            }
            return failed == 0 ? 0 : 3;
        }));
        return command;
    }
}
