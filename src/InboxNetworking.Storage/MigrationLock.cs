using System.Diagnostics;

namespace InboxNetworking.Storage;

/// <summary>
/// An exclusive lock file beside the store (<c>inboxnet.db.lock</c>), held while a process creates or migrates
/// it. SQLite's own locking cannot name who holds it; this file holds the holder's process id.
/// </summary>
internal sealed class MigrationLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _file;

    private MigrationLock(FileStream file) => _file = file;

    public static string PathFor(string databasePath) => databasePath + ".lock";

    /// <summary>Waits up to <paramref name="wait"/> for the lock, then says which process holds it.</summary>
    public static MigrationLock Acquire(string databasePath, TimeSpan wait)
    {
        var path = PathFor(databasePath);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: released by the kernel if the holder dies.
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                file.SetLength(0);
                using (var writer = new StreamWriter(file, leaveOpen: true))
                    writer.Write(Environment.ProcessId);
                file.Flush();
                return new MigrationLock(file);
            }
            catch (IOException) when (waited.Elapsed < wait)
            {
                Thread.Sleep(Poll);
            }
            catch (IOException e)
            {
                throw new StoreException(
                    $"another inboxnet process{Holder(path)} has kept the store {Path.GetFullPath(databasePath)} locked for {wait.TotalSeconds:0} s "
                    + "while it creates or upgrades it; let it finish, then run the command again", e);
            }
        }
    }

    public void Dispose() => _file.Dispose();

    private static string Holder(string path)
    {
        try
        {
            // The holder's lock is advisory and exclusive; reading around it needs no lock of our own.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            var buffer = new byte[32];
            var read = RandomAccess.Read(handle, buffer, 0);
            var pid = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
            return pid.Length > 0 ? $" (pid {pid})" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
