using InboxNetworking.Core.Ports;
using InboxNetworking.Files.Calendar;
using InboxNetworking.Files.Mime;
using InboxNetworking.Files.Sources;

namespace InboxNetworking.Files;

/// <summary>The files connector's entry point: what sources a path on disk holds.</summary>
public sealed class FileSources
{
    private static readonly string[] MboxExtensions = [".mbox", ".mbx", ".mbs"];
    private static readonly string[] IcsExtensions = [".ics", ".ical", ".ifb", ".icalendar"];

    private readonly FilesOptions _options;
    private readonly IcsReader _ics;
    private readonly MailItemReader _reader;

    public FileSources(FilesOptions options, TimeProvider time)
    {
        _options = options;
        _ics = new IcsReader(options, time);
        _reader = new MailItemReader(_ics);
    }

    /// <summary>A Maildir (Maildir++ folders included), a folder of .eml/.ics/.mbox files, or one such file.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public IReadOnlyList<ISource> Discover(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
            return [ForFile(full)];
        if (!Directory.Exists(full))
            throw new FileNotFoundException($"'{path}' does not exist: give a mail export (mbox file, Maildir, or a folder of .eml/.ics files).", path);
        return IsMaildir(full) ? MaildirFolders(full) : FolderOfFiles(full);
    }

    /// <summary>A single file read as the kind its name or first line says.</summary>
    public ISource ForFile(string file)
    {
        var ext = Path.GetExtension(file).ToLowerInvariant();
        if (IcsExtensions.Contains(ext))
            return new IcsFileSource(file, _ics, _options);
        if (MboxExtensions.Contains(ext) || file.EndsWith(".mbox.txt", StringComparison.OrdinalIgnoreCase) || StartsWithFromLine(file))
            return new MboxSource(file, _reader, _options);
        return new MessageFilesSource("eml:" + file, Path.GetDirectoryName(file)!, FolderOf(Path.GetDirectoryName(file)!), [file], _reader, _options);
    }

    private static bool IsMaildir(string dir) =>
        Directory.Exists(Path.Combine(dir, "cur")) || Directory.Exists(Path.Combine(dir, "new"))
        || Directory.EnumerateDirectories(dir, ".*").Any(d => Directory.Exists(Path.Combine(d, "cur")));

    /// <summary>INBOX (the root) and every Maildir++ ".Folder.Sub", except Junk and Drafts.</summary>
    private List<ISource> MaildirFolders(string root)
    {
        var sources = new List<ISource>();
        var folders = new List<(string Dir, string Name)> { (root, "INBOX") };
        folders.AddRange(Directory.EnumerateDirectories(root)
            .Where(d => Directory.Exists(Path.Combine(d, "cur")) || Directory.Exists(Path.Combine(d, "new")))
            .Select(d => (d, Path.GetFileName(d))));
        foreach (var (dir, name) in folders.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (FolderNames.IsSkipped(name))
                continue;
            var files = new[] { "cur", "new" }.Select(s => Path.Combine(dir, s)).Where(Directory.Exists)
                .SelectMany(Directory.EnumerateFiles).Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
                sources.Add(new MessageFilesSource("maildir:" + dir, dir, name, files, _reader, _options));
        }
        return sources;
    }

    /// <summary>Every .eml (as one source per folder), .mbox and .ics file below the folder.</summary>
    private List<ISource> FolderOfFiles(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var sources = new List<ISource>();
        foreach (var group in files.Where(f => Path.GetExtension(f).Equals(".eml", StringComparison.OrdinalIgnoreCase)).GroupBy(Path.GetDirectoryName))
        {
            var dir = group.Key!;
            if (!FolderNames.IsSkipped(FolderOf(dir)))
                sources.Add(new MessageFilesSource("eml:" + dir, dir, FolderOf(dir), group.ToList(), _reader, _options));
        }
        foreach (var f in files)
        {
            var ext = Path.GetExtension(f).ToLowerInvariant();
            if (MboxExtensions.Contains(ext) && !FolderNames.IsSkipped(Path.GetFileNameWithoutExtension(f)))
                sources.Add(new MboxSource(f, _reader, _options));
            else if (IcsExtensions.Contains(ext))
                sources.Add(new IcsFileSource(f, _ics, _options));
        }
        return sources;
    }

    private static string FolderOf(string dir) => Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));

    private static bool StartsWithFromLine(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            Span<byte> head = stackalloc byte[5];
            return stream.Read(head) == 5 && head.SequenceEqual("From "u8);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
