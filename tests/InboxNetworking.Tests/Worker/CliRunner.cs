using InboxNetworking.Worker.Cli;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Worker;

/// <summary>Runs `inboxnet` in-process through its real entry point, with its own data directory and clock.</summary>
internal sealed class CliRunner(string dataDir, TimeProvider? time = null)
{
    public TimeProvider Time { get; } = time ?? new FakeTimeProvider(new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero));

    public string DataDir => dataDir;

    public Task<(int Code, string Out, string Err)> Run(params string[] args) => RunWithInput(null, CancellationToken.None, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (a piped password, say).</summary>
    public async Task<(int Code, string Out, string Err)> RunWithInput(string? stdin, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await InboxNetCli.RunAsync(["--data-dir", dataDir, .. args], output, error, Time, cancellationToken, new StringReader(stdin ?? ""));
        return (code, output.ToString(), error.ToString());
    }
}
