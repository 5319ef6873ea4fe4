use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "readings")]
#[dynamodel(partition_key(name = "pk", template = "SENSOR#{sensor}"))]
#[dynamodel(sort_key(name = "sk", template = "AT#{value}"))]
struct Reading {
    sensor: String,
    value: f64,
}

fn main() {}
