using System.Globalization;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Worker.Application;

namespace InboxNetworking.Worker.Cli;

/// <summary>A progress bar with counts and an ETA on a terminal; a plain line every few thousand messages otherwise.</summary>
internal sealed class SyncProgress(TextWriter error, string account, TimeProvider time, bool terminal) : ISyncProgress
{
    private const int LineEvery = 5000;
    private readonly long _started = time.GetTimestamp();
    private int _planned;
    private int _done;
    private int _lastLine;
    private int _baseline;

    public void Planned(int messages)
    {
        _planned += messages;
        _baseline = _done;
    }

    public void Report(IngestSummary value)
    {
        _done = value.MessagesAdded + value.Duplicates + value.Quarantined;
        if (terminal)
        {
            error.Write("\r" + Bar());
            return;
        }
        if (_done - _lastLine < LineEvery)
            return;
        _lastLine = _done;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{account}: {_done} of {_planned} messages read ({value.MessagesAdded} new){Eta()}"));
    }

    /// <summary>Ends the bar's line so that what follows starts on a fresh one.</summary>
    public void Finish()
    {
        if (terminal && _done > 0)
            error.WriteLine();
    }

    private string Bar()
    {
        const int width = 30;
        var filled = _planned == 0 ? width : Math.Min(width, _done * width / _planned);
        return string.Create(CultureInfo.InvariantCulture, $"{account} [{new string('#', filled)}{new string('.', width - filled)}] {_done}/{_planned}{Eta()}   ");
    }

    private string Eta()
    {
        var elapsed = time.GetElapsedTime(_started);
        var rate = (_done - _baseline + 1) / Math.Max(elapsed.TotalSeconds, 0.001);
        var left = Math.Max(0, _planned - _done);
        return left == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", about {TimeSpan.FromSeconds(Math.Ceiling(left / rate)):g} left");
    }
}
