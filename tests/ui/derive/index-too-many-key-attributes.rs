use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "events")]
#[dynamodel(global_index(name = "by_time", partition_key = "kind", sort_key("y", "m", "d", "h", "s")))]
struct Event {
    #[dynamodel(partition_key)]
    id: String,
    kind: String,
    y: u16,
    m: u8,
    d: u8,
    h: u8,
    s: u8,
}

fn main() {}
