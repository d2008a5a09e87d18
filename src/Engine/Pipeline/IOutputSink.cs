namespace Engine.Pipeline;

/// <summary>
/// Where the engine thread writes its outputs: the output ring, or a collector in tests. Implemented by structs.
/// Claim a slot, fill it in place, publish it; one claim at a time.
/// </summary>
public interface IOutputSink
{
    ref OutputEvent Claim();

    void Publish();
}
