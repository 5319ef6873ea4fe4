use dynamodel::Projection;

#[derive(Projection)]
struct Summary {
    player: String,
}

fn main() {}
