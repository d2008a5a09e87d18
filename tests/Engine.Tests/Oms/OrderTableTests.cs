using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

public class OrderTableTests
{
    [Fact]
    public void TryAdd_IssuesSequentialIdsFromOne()
    {
        var table = new OrderTable(4);
        Assert.True(table.TryAdd(out ClientOrderId a));
        Assert.True(table.TryAdd(out ClientOrderId b));
        Assert.Equal(1, a.Value);
        Assert.Equal(2, b.Value);
    }

    [Fact]
    public void TryAdd_WhenNextSlotStillWorking_SkipsToTheNextFreeSlot()
    {
        var table = new OrderTable(2);
        table.TryAdd(out ClientOrderId a);
        table.Find(a, out _).Status = OrderStatus.Accepted;
        table.TryAdd(out ClientOrderId b);
        table.Find(b, out _).Status = OrderStatus.Filled;
        Assert.True(table.TryAdd(out ClientOrderId c)); // id 3's slot is id 1's, still working: id 4 takes id 2's
        Assert.Equal(4, c.Value);
        Assert.Equal(1, table.SkippedIds);
        table.Find(a, out bool aStillThere);
        Assert.True(aStillThere);
        table.Find(b, out bool bStillThere);
        Assert.False(bStillThere);

        table.Find(c, out _).Status = OrderStatus.Accepted;
        Assert.False(table.TryAdd(out _)); // every slot holds a working order: full
        table.Find(a, out _).Status = OrderStatus.Canceled;
        Assert.True(table.TryAdd(out ClientOrderId d));
        Assert.Equal(5, d.Value);
    }

    [Fact]
    public void Find_UnknownId_IsNotFound()
    {
        var table = new OrderTable(8);
        table.Find(new ClientOrderId(5), out bool found);
        Assert.False(found);
        table.Find(ClientOrderId.None, out found);
        Assert.False(found);
    }

    [Fact]
    public void Capacity_NotAPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderTable(3));
}
