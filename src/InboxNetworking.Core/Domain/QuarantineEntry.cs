namespace InboxNetworking.Core.Domain;

/// <summary>Something that could not be read, kept with where it was and why, so the import goes on.</summary>
public sealed record QuarantineEntry(string Source, string Position, string Reason);
