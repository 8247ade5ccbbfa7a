using System.CommandLine;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet deliver --account NAME --month YYYY-MM [--again]`: the worker's monthly delivery, by hand.</summary>
internal static class DeliverCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "Whose report", Required = true, HelpName = "NAME" };
        var month = new Option<string>("--month") { Description = "The calendar month, in the account's time zone", Required = true, HelpName = "YYYY-MM" };
        var again = new Option<bool>("--again") { Description = "Send a new copy even though this month was delivered already" };
        var command = new Command("deliver",
            "Deliver a month's report now, as the worker does on the 1st: into the INBOX (once per month) and to reports/ in the data directory.")
        {
            account, month, again,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var acct = await CliContext.RequireAccountAsync(services.GetRequiredService<IInboxStore>(), parse.GetValue(account)!, ct);
            var outcome = await services.GetRequiredService<DeliveryService>().DeliverMonthAsync(acct, parse.GetValue(month)!, parse.GetValue(again), ct);
            await context.Output.WriteLineAsync($"{acct.Name}: {outcome}.");
            return 0;
        }));
        return command;
    }
}
