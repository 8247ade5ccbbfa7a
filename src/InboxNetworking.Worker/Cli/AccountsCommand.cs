using System.CommandLine;
using System.Text.Json;
using InboxNetworking.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet accounts [--json]`: every account, how it is reached and how its last sync went.</summary>
internal static class AccountsCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("accounts", "List every account: kind, host and user, folders tracked, state, last sync.") { json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var rows = new List<(Core.Domain.Account Account, ConnectionText.View View)>();
            foreach (var a in await store.ListAccountsAsync(ct))
                rows.Add((a, ConnectionText.Describe(a, await store.GetConnectionAsync(a.Id, ct))));
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(rows.Select(r => new { account = r.Account.Name, connection = r.View }), CliContext.JsonOptions));
                return 0;
            }
            if (rows.Count == 0)
                await context.Output.WriteLineAsync("No accounts yet. Connect one: inboxnet connect graph --account NAME (Microsoft 365), or inboxnet connect imap --account NAME --host HOST --user USER");
            foreach (var (a, view) in rows)
            {
                foreach (var line in ConnectionText.Lines(a, view))
                    await context.Output.WriteLineAsync(line);
            }
            return 0;
        }));
        return command;
    }
}
