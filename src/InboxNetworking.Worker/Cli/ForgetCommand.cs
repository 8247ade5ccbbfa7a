using System.CommandLine;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet forget --account NAME --yes`: erases an account and everything kept for it.</summary>
internal static class ForgetCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "The account to erase (or to erase one person from)", Required = true, HelpName = "NAME" };
        var address = new Option<string?>("--address") { Description = "Erase only this person from the account: their messages, their place in others' recipients and meetings", HelpName = "ADDRESS" };
        var yes = new Option<bool>("--yes") { Description = "Confirm: the erasure cannot be undone" };
        var command = new Command("forget",
            "Erase an account: its mail facts, calendar, contacts, reports (also the files under reports/), models, "
            + "stored credentials and sync state; or, with --address, one person from it. The mailbox itself is not touched.") { account, address, yes };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var acct = await CliContext.RequireAccountAsync(store, parse.GetValue(account)!, ct);
            if (parse.GetValue(address) is { } person)
                return await ForgetPersonAsync(context, services, acct, person, parse.GetValue(yes), ct);
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

    private static async Task<int> ForgetPersonAsync(CliContext context, IServiceProvider services, Account account, string address, bool yes, CancellationToken ct)
    {
        var person = address.Trim();
        if (!person.Contains('@', StringComparison.Ordinal) || person.Any(char.IsWhiteSpace))
            throw new UserError($"--address '{address}' is not an email address");
        if (account.OwnerAddresses.Contains(person, StringComparer.OrdinalIgnoreCase))
            throw new UserError($"'{person}' is one of the account's own addresses: to erase the whole account, leave out --address");
        if (!yes)
            throw new UserError($"this erases {person} from account '{account.Name}' (their messages, their place in others' recipients and meetings, and the reports written so far are rewritten without them), for good: add --yes to go ahead");
        var store = services.GetRequiredService<IInboxStore>();
        var changed = await store.EraseAddressAsync(account.Id, person, ct);
        var months = (await services.GetRequiredService<AnalysisService>().AnalyzeAsync(account, ct)).Count;
        var files = await services.GetRequiredService<DeliveryService>().RewriteWrittenReportsAsync(account, ct);
        await context.Output.WriteLineAsync($"{account.Name}: erased {person} ({changed} messages and meetings changed); analysed again, {months} months; "
            + $"{files} written report{(files == 1 ? "" : "s")} rewritten without them.");
        await context.Output.WriteLineAsync($"Reports already delivered to a mailbox cannot be taken back. New mail with {person} will count again: 'inboxnet exclude --account {account.Name} {person}' keeps them out (their address is then kept in the exclusion list).");
        return 0;
    }
}
