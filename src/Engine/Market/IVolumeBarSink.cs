using Engine.Model;

namespace Engine.Market;

/// <summary>
/// Receives each closed bar from <see cref="VolumeBarBuilder"/>. Implement it on a struct and pass it by <c>ref</c>
/// as a generic argument so the call is devirtualized and inlined. The bar is only valid during the call.
/// </summary>
public interface IVolumeBarSink
{
    void OnBar(in VolumeBar bar);
}
