using System.Diagnostics;
using System.Text;

namespace InboxNetworking.Tests.TestData;

/// <summary>
/// A process a test starts: stdin closed (a prompt must see end of file, not the test host's terminal),
/// stdout and stderr read as they come (a full pipe must not stall the child), and a time limit after
/// which the whole process tree is killed and the test fails with what the child printed.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly string _name;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The `inboxnet` binary of this build, with its own data directory.</summary>
    public static ChildProcess StartInboxNet(string dataDir, params string[] args) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "inboxnet.dll"), "--data-dir", dataDir, .. args]);

    public static ChildProcess Start(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, $"{file} {string.Join(' ', info.ArgumentList)}");
        process.OutputDataReceived += (_, e) => Append(child._out, e.Data);
        process.ErrorDataReceived += (_, e) => Append(child._err, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    public string Output => Read(_out);

    public string Error => Read(_err);

    /// <summary>Waits for the exit; past <paramref name="limit"/> kills the tree and fails the test.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"'{_name}' did not finish within {limit}; it printed:\n{Output}\n{Error}");
        }
        // The parameterless wait also drains the asynchronous output readers.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    /// <summary>Kills the tree the moment <paramref name="condition"/> holds (say, a first checkpoint is
    /// committed); fails the test if the process ends first or the condition does not come within the limit.</summary>
    public async Task KillWhenAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (_process.HasExited)
                Assert.Fail($"'{_name}' ended before it could be killed: {Output}\n{Error}");
            Assert.True(waited.Elapsed < limit, $"'{_name}': the moment to kill it did not come within {limit}");
            await Task.Delay(10);
        }
        Kill();
        await WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, as systemd or `docker stop` ask a service to stop.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, await kill.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.Append(line).Append('\n');
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
            return text.ToString();
    }
}
