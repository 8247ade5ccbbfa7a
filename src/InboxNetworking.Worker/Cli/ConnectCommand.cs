using System.CommandLine;
using InboxNetworking.Graph;
using InboxNetworking.Imap;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet connect imap|graph ...`: connect a mailbox once; the worker tracks it from then on.</summary>
internal static class ConnectCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("connect", "Connect a mailbox once; 'inboxnet run' then tracks it in the background.");
        command.Subcommands.Add(Imap(context));
        command.Subcommands.Add(Graph(context));
        return command;
    }

    private static Command Graph(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "A name for this mailbox (connecting again updates it)", Required = true, HelpName = "NAME" };
        var signIn = new Option<string>("--sign-in")
        {
            Description = "device-code: you sign in once in a browser (delegated; mail and calendar of your own mailbox). app-secret: an organisation's app reads a mailbox with its client secret",
            DefaultValueFactory = _ => "device-code",
        };
        signIn.AcceptOnlyFromAmong("device-code", "app-secret");
        var tenant = new Option<string>("--tenant") { Description = "The Microsoft 365 tenant (its id or domain); any work or school tenant for device-code", DefaultValueFactory = _ => "organizations", HelpName = "TENANT" };
        var clientId = new Option<string?>("--client-id") { Description = $"The app's client id (device-code default: {GraphSettings.DefaultPublicClientId}, Microsoft Graph Command Line Tools)", HelpName = "ID" };
        var user = new Option<string?>("--user") { Description = "The mailbox to read (its address or user id; device-code default: your own); an owner address when it looks like one", HelpName = "MAILBOX" };
        var secretStdin = new Option<bool>("--client-secret-stdin") { Description = "app-secret: read the client secret from standard input (otherwise it is asked for, without echo)" };
        var endpoint = new Option<string>("--endpoint") { Description = "Graph's address (a national cloud, or a Graph-compatible server)", DefaultValueFactory = _ => GraphSettings.DefaultEndpoint, HelpName = "URL" };
        var authority = new Option<string>("--authority") { Description = "Where tokens are asked for", DefaultValueFactory = _ => GraphSettings.DefaultAuthority, HelpName = "URL" };
        var owners = new Option<string[]>("--owner") { Description = "The owner's address; repeat for aliases", HelpName = "ADDRESS" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The owner's time zone, an IANA id (default UTC); the report arrives on the 1st in it", HelpName = "IANA-ID" };
        var insecure = new Option<bool>("--allow-insecure") { Description = "Allow a plain http endpoint or authority other than this machine (tokens travel in the clear)" };
        var noDelivery = new Option<bool>("--no-delivery") { Description = "Do not send the monthly report to the mailbox (it is still written to disk)" };
        var command = new Command("graph", "Connect a Microsoft 365 mailbox through Microsoft Graph: sign in once (or give an app's secret), finds Inbox, Sent Items, Archive and the calendar, keeps the credential encrypted.")
        {
            account, signIn, tenant, clientId, user, secretStdin, endpoint, authority, owners, timeZone, insecure, noDelivery,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var mode = parse.GetValue(signIn) == "app-secret" ? GraphSignIn.AppSecret : GraphSignIn.DeviceCode;
            if (mode == GraphSignIn.AppSecret && parse.GetValue(clientId) is null)
                throw new UserError("--sign-in app-secret needs --client-id (your app registration's)");
            if (mode == GraphSignIn.DeviceCode && parse.GetValue(secretStdin))
                throw new UserError("--client-secret-stdin goes with --sign-in app-secret; a device-code sign-in needs no secret");
            var request = new GraphConnectRequest(
                parse.GetValue(account)!, mode, parse.GetValue(user), parse.GetValue(tenant)!, parse.GetValue(clientId) ?? GraphSettings.DefaultPublicClientId,
                parse.GetValue(endpoint)!, parse.GetValue(authority)!, parse.GetValue(owners) ?? [], parse.GetValue(timeZone), parse.GetValue(insecure),
                !parse.GetValue(noDelivery));
            var (acct, settings) = await services.GetRequiredService<ConnectService>().ConnectGraphAsync(request,
                async token => parse.GetValue(secretStdin)
                    ? await context.Input.ReadLineAsync(token) ?? ""
                    : await PromptAsync(context, $"Client secret of app {request.ClientId}: "),
                async (message, _) => await context.Error.WriteLineAsync(message),
                ct);
            await context.Output.WriteLineAsync($"Connected '{acct.Name}' (mailbox {settings.Mailbox} at {settings.Endpoint}). Tracking:");
            foreach (var f in settings.Folders)
                await context.Output.WriteLineAsync($"  {f.Name} ({f.Role})");
            await context.Output.WriteLineAsync(settings.TrackCalendar
                ? "  Calendar (calendarView)"
                : "  (not the calendar: the app lacks the Calendars.Read permission; grant it and connect again to add meetings)");
            await context.Output.WriteLineAsync($"Owner addresses: {string.Join(", ", acct.OwnerAddresses)}; time zone {acct.TimeZoneId}; monthly report {(settings.DeliverReports ? "sent to the mailbox and written to disk" : "to disk only")}.");
            await context.Output.WriteLineAsync("Next: 'inboxnet sync' now, or 'inboxnet run' to keep it tracked in the background.");
            return 0;
        }));
        return command;
    }

    private static Command Imap(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "A name for this mailbox (connecting again updates it)", Required = true, HelpName = "NAME" };
        var host = new Option<string>("--host") { Description = "The IMAP server, e.g. imap.example.com", Required = true, HelpName = "HOST" };
        var port = new Option<int?>("--port") { Description = "Default 993 with ssl, 143 otherwise", HelpName = "N" };
        var user = new Option<string>("--user") { Description = "The login; an owner address when it looks like one", Required = true, HelpName = "USER" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (otherwise it is asked for, without echo)" };
        var security = new Option<string>("--security") { Description = "ssl (implicit TLS), starttls, or none (this machine only, unless --allow-insecure)", DefaultValueFactory = _ => "ssl" };
        security.AcceptOnlyFromAmong("ssl", "starttls", "none");
        var accept = new Option<string?>("--accept-certificate") { Description = "Trust this one server certificate (its SHA-256, as the error message shows it)", HelpName = "SHA256" };
        var owners = new Option<string[]>("--owner") { Description = "The owner's address; repeat for aliases", HelpName = "ADDRESS" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The owner's time zone, an IANA id (default UTC); the report arrives on the 1st in it", HelpName = "IANA-ID" };
        var insecure = new Option<bool>("--allow-insecure") { Description = "Allow --security none to a host other than this machine (the password travels in the clear)" };
        var noDelivery = new Option<bool>("--no-delivery") { Description = "Do not put the monthly report into the INBOX (it is still written to disk)" };
        var command = new Command("imap", "Connect an IMAP mailbox: checks the login, finds Inbox, Sent and Archive, stores the password encrypted.")
        {
            account, host, port, user, passwordStdin, security, accept, owners, timeZone, insecure, noDelivery,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var password = parse.GetValue(passwordStdin)
                ? await context.Input.ReadLineAsync(ct) ?? ""
                : await PromptAsync(context, $"Password for {parse.GetValue(user)} at {parse.GetValue(host)}: ");
            var request = new ImapConnectRequest(
                parse.GetValue(account)!, parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(user)!,
                Enum.Parse<ImapSecurity>(parse.GetValue(security)!, ignoreCase: true), parse.GetValue(accept),
                parse.GetValue(owners) ?? [], parse.GetValue(timeZone), parse.GetValue(insecure), !parse.GetValue(noDelivery));
            var (acct, settings) = await services.GetRequiredService<ConnectService>().ConnectImapAsync(request, password, ct);
            await context.Output.WriteLineAsync($"Connected '{acct.Name}' ({settings.User} at {settings.Host}:{settings.Port}, {settings.Security.ToString().ToLowerInvariant()}). Tracking:");
            foreach (var f in settings.Folders)
                await context.Output.WriteLineAsync($"  {f.Name} ({f.Role})");
            await context.Output.WriteLineAsync($"Owner addresses: {string.Join(", ", acct.OwnerAddresses)}; time zone {acct.TimeZoneId}; monthly report {(settings.DeliverReports ? "into the INBOX and to disk" : "to disk only")}.");
            await context.Output.WriteLineAsync("Next: 'inboxnet sync' now, or 'inboxnet run' to keep it tracked in the background.");
            return 0;
        }));
        return command;
    }

    /// <summary>Asks without echo when a person is at a terminal; reads a line otherwise.</summary>
    private static async Task<string> PromptAsync(CliContext context, string prompt)
    {
        if (context.Input != Console.In || Console.IsInputRedirected)
            return await context.Input.ReadLineAsync() ?? "";
        await context.Error.WriteAsync(prompt);
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                    password.Length--;
                continue;
            }
            password.Append(key.KeyChar);
        }
        await context.Error.WriteLineAsync();
        return password.ToString();
    }
}
