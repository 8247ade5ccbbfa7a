using System.CommandLine;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Hosting;

namespace InboxNetworking.Worker.Cli;

/// <summary>What every command shares: the writers, the clock, --data-dir, and turning a UserError into one line.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader input, TimeProvider time)
{
    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public TextWriter Output => output;

    public TextReader Input => input;

    /// <summary>A person watches stderr: progress may redraw one line.</summary>
    public bool ErrorIsTerminal => error == Console.Error && !Console.IsErrorRedirected;

    public TextWriter Error => error;

    public TimeProvider Time => time;

    public Option<string?> DataDirOption { get; } = new("--data-dir")
    {
        Description = $"Where the store lives (default: ${DataDirectory.EnvironmentVariable}, else the per-user data folder)",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "After an error's one line, also print its full details (for a bug report)",
        Recursive = true,
    };

    /// <summary>Runs a command body with the services for the chosen data directory.</summary>
    public Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<int>> body, string? dataDirOverride = null,
        IReadOnlyDictionary<string, string?>? settingsOverrides = null) =>
        RunInDataDirectoryAsync(parse, async dataDir =>
        {
            await using var services = InboxNetServices.Build(dataDir, time, error, settingsOverrides);
            InboxNetServices.ValidateOptions(services);
            return await body(services);
        }, dataDirOverride);

    /// <summary>Runs a command body in the chosen (private) data directory, with every expected failure as one line.</summary>
    public async Task<int> RunInDataDirectoryAsync(ParseResult parse, Func<string, Task<int>> body, string? dataDirOverride = null)
    {
        var dataDir = "";
        try
        {
            dataDir = dataDirOverride ?? DataDirectory.Resolve(parse.GetValue(DataDirOption));
            if (DataDirectory.Secure(dataDir))
                await error.WriteLineAsync($"inboxnet: made the data directory {dataDir} and its files readable by you only (it holds who you talk to)");
            try
            {
                return await body(dataDir);
            }
            finally
            {
                // What this run created (the store, its WAL, keys): owner-only before anyone could be let in.
                if (!OperatingSystem.IsWindows())
                    DataDirectory.Tighten(dataDir);
            }
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("inboxnet: cancelled; what was committed stays, and the next run resumes from there");
            return 130;
        }
        catch (Exception e) when (ExpectedFailure.Describe(e, dataDir) is { } line)
        {
            await error.WriteLineAsync("inboxnet: " + line);
            if (parse.GetValue(VerboseOption))
                await error.WriteLineAsync(e.ToString());
            return 2;
        }
    }

    /// <summary>The account --account names, or every account when it is not given.</summary>
    public static async Task<IReadOnlyList<Account>> SelectAccountsAsync(IInboxStore store, string? name, CancellationToken ct) =>
        name is null ? await store.ListAccountsAsync(ct) : [await RequireAccountAsync(store, name, ct)];

    /// <summary>The named account, or a UserError listing the ones that exist.</summary>
    public static async Task<Account> RequireAccountAsync(IInboxStore store, string name, CancellationToken ct)
    {
        var account = await store.FindAccountAsync(name, ct);
        if (account is not null)
            return account;
        var known = (await store.ListAccountsAsync(ct)).Select(a => a.Name).ToList();
        throw new UserError(known.Count == 0
            ? $"unknown account '{name}': this data directory has no accounts yet (run 'inboxnet import ... --account {name} --owner ADDRESS')"
            : $"unknown account '{name}': known accounts are {string.Join(", ", known)}");
    }
}
