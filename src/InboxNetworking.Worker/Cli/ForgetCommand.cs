using System.CommandLine;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet forget --account NAME --yes`: erases an account and everything kept for it.</summary>
internal static class ForgetCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "The account to erase", Required = true, HelpName = "NAME" };
        var yes = new Option<bool>("--yes") { Description = "Confirm: the erasure cannot be undone" };
        var command = new Command("forget",
            "Erase an account: its mail facts, calendar, contacts, reports (also the files under reports/), models, "
            + "stored credentials and sync state. The mailbox itself is not touched.") { account, yes };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var acct = await CliContext.RequireAccountAsync(store, parse.GetValue(account)!, ct);
            if (!parse.GetValue(yes))
                throw new UserError($"this erases account '{acct.Name}' and everything kept for it, for good: add --yes to go ahead");
            var reports = DataDirectory.AccountReportsPath(services.GetRequiredService<DataDirectoryPath>().Path, acct.Name);
            await store.EraseAccountAsync(acct.Id, ct);
            if (reports is not null && Directory.Exists(reports))
                Directory.Delete(reports, recursive: true);
            await context.Output.WriteLineAsync($"{acct.Name}: erased (mail facts, calendar, contacts, reports, models, credentials, sync state)");
            return 0;
        }));
        return command;
    }
}
