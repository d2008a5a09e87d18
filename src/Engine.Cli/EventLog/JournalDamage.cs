using System.Globalization;

namespace Engine.Cli.EventLog;

/// <summary>
/// Where an event journal stops being trustworthy: the first record that is cut short, fails its checksum, or does
/// not follow its predecessor. Nothing at or after <see cref="Offset"/> is read.
/// </summary>
/// <param name="Offset">File offset of the first untrusted byte (the end of the last good record).</param>
/// <param name="Position">Journal position the untrusted record would have had.</param>
/// <param name="Reason">What was wrong, in words.</param>
/// <param name="BytesDiscarded">Bytes from <paramref name="Offset"/> to the end of the file.</param>
public sealed record JournalDamage(long Offset, long Position, string Reason, long BytesDiscarded)
{
    /// <summary>True when the tail is only cut short (a write interrupted by a crash), not altered.</summary>
    public bool Torn { get; init; }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Torn ? "torn" : "corrupt")} tail at byte {Offset} (record {Position}): {Reason}; {BytesDiscarded} bytes from there not trusted");
}
