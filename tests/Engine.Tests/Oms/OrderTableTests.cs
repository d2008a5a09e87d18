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
    public void TryAdd_WhenNextSlotStillWorking_IsRefused()
    {
        var table = new OrderTable(2);
        table.TryAdd(out ClientOrderId a);
        table.Find(a, out _).Status = OrderStatus.Accepted;
        table.TryAdd(out ClientOrderId b);
        table.Find(b, out _).Status = OrderStatus.Filled;
        Assert.False(table.TryAdd(out _)); // slot of id 3 is id 1's, still working

        table.Find(a, out _).Status = OrderStatus.Canceled;
        Assert.True(table.TryAdd(out ClientOrderId c));
        Assert.Equal(3, c.Value);
        table.Find(a, out bool stillThere);
        Assert.False(stillThere); // id 1's slot now holds id 3
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
