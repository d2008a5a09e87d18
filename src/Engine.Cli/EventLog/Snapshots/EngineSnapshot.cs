using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Engine.EventLog;
using Engine.Pipeline;

namespace Engine.Cli.EventLog.Snapshots;

/// <summary>
/// One snapshot of an engine's state: the bytes of <see cref="EngineStateWalker"/>, the journal position they cover
/// (the state after the journal's first <see cref="Position"/> records) and the fingerprint of the configuration the
/// engine was built with (a snapshot is loaded only into an engine of the same configuration).
/// <code>
/// file: magic "ENGSNP01" (8) │ version u32 │ position i64 │ fingerprint (32) │ state length i64 │ state │ CRC-32C u32 of all before it
/// </code>
/// Written to a temporary name, fsynced and renamed, so a snapshot file is whole or absent; its CRC catches the rest.
/// </summary>
public sealed class EngineSnapshot
{
    public const string FilePrefix = "snapshot-";
    public const string FileExtension = ".state";
    private const uint Version = 1;
    private const int FixedSize = 8 + 4 + 8 + 32 + 8;

    private static ReadOnlySpan<byte> Magic => "ENGSNP01"u8;

    public EngineSnapshot(long position, byte[] fingerprint, byte[] state)
    {
        Position = position;
        Fingerprint = fingerprint;
        State = state;
    }

    /// <summary>Journal records the state covers.</summary>
    public long Position { get; }

    /// <summary>SHA-256 of the state of a freshly built engine with the configuration in use (<see cref="FingerprintOf{TOut}"/>).</summary>
    public byte[] Fingerprint { get; }

    public byte[] State { get; }

    public static string FileNameOf(long position) => FilePrefix + position.ToString("D12", CultureInfo.InvariantCulture) + FileExtension;

    /// <summary>The state of <paramref name="engine"/> (engine thread, or a replica's owner).</summary>
    public static byte[] StateOf<TOut>(TradingEngine<TOut> engine)
        where TOut : struct, IOutputSink
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            EngineStateWalker.Save(engine, writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Overwrites the state of <paramref name="engine"/>, built from the snapshot's configuration, with <paramref name="state"/>.</summary>
    public static void Load<TOut>(TradingEngine<TOut> engine, byte[] state)
        where TOut : struct, IOutputSink
    {
        using var reader = new BinaryReader(new MemoryStream(state, writable: false));
        EngineStateWalker.Load(engine, reader);
        if (reader.BaseStream.Position != state.Length)
        {
            throw new InvalidDataException($"snapshot state: {state.Length - reader.BaseStream.Position} bytes left over: it does not fit this engine");
        }
    }

    /// <summary>The configuration's fingerprint: SHA-256 of the state of an engine freshly built from it.</summary>
    public static byte[] FingerprintOf<TOut>(TradingEngine<TOut> freshEngine)
        where TOut : struct, IOutputSink => SHA256.HashData(StateOf(freshEngine));

    public void WriteTo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = new byte[FixedSize + State.Length + 4];
        Span<byte> s = bytes;
        Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(s[12..], Position);
        Fingerprint.CopyTo(s[20..52]);
        BinaryPrimitives.WriteInt64LittleEndian(s[52..], State.Length);
        State.CopyTo(s[FixedSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[^4..], Crc32C.Compute(s[..^4]));
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a snapshot file; <see cref="InvalidDataException"/> when it is cut short, damaged or of another version.</summary>
    public static EngineSnapshot ReadFrom(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> s = bytes;
        if (s.Length < FixedSize + 4 || !s[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: no snapshot (ENGSNP01) or cut short ({s.Length} bytes)");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(s[52..]);
        if (length != s.Length - FixedSize - 4)
        {
            throw new InvalidDataException($"{path}: snapshot says {length} bytes of state, the file holds {s.Length - FixedSize - 4}: cut short or damaged");
        }

        if (Crc32C.Compute(s[..^4]) != BinaryPrimitives.ReadUInt32LittleEndian(s[^4..]))
        {
            throw new InvalidDataException($"{path}: snapshot fails its CRC-32C: damaged");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(s[8..]);
        if (version != Version)
        {
            throw new InvalidDataException($"{path}: snapshot version {version}; this build reads {Version}");
        }

        return new EngineSnapshot(BinaryPrimitives.ReadInt64LittleEndian(s[12..]), s[20..52].ToArray(), s[FixedSize..^4].ToArray());
    }
}
