using Engine.Binance.Recording;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// A binary recording as an input feed: the recording's symbols are mapped to the engine's registry once at open;
/// symbols the run does not trade map to <see cref="SymbolId.None"/> (counted by the engine as unknown).
/// </summary>
public sealed class RecordingFeed : IInputFeed, IDisposable
{
    private readonly RecordingReader _reader;
    private readonly SymbolId[] _map;

    public RecordingFeed(RecordingReader reader, SymbolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(registry);
        _reader = reader;
        _map = new SymbolId[reader.Symbols.Count];
        for (int i = 0; i < _map.Length; i++)
        {
            _map[i] = registry.TryGet(reader.Symbols[i].AsSpan(), out SymbolId id) ? id : SymbolId.None;
        }
    }

    public RecordingReader Reader => _reader;

    /// <summary>The recording's symbols the run does not trade (their trades reach the engine, which counts and skips them).</summary>
    public IEnumerable<string> UnknownSymbols => _reader.Symbols.Where((_, i) => _map[i] == SymbolId.None);

    public static RecordingFeed Open(string path, SymbolRegistry registry, int repeat = 1)
    {
        FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new RecordingFeed(new RecordingReader(stream, repeat, path), registry);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool TryReadNext(ref EngineEvent slot) => _reader.TryReadNext(ref slot, _map);

    public void Dispose() => _reader.Dispose();
}
