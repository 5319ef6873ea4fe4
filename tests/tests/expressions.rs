//! Typed conditions, filters and projections: each builder's output is accepted by the
//! engine and gives the intended result.

use std::collections::BTreeSet;

use dynamodel::{Attribute, Projection, Table};

use crate::support::client_with;

#[derive(Table, Debug, Clone, PartialEq)]
#[dynamodel(table = "games", rename_all = "camelCase")]
struct Game {
    #[dynamodel(partition_key)]
    game_id: String,
    #[dynamodel(sort_key)]
    round: u32,
    player: Player,
    score: i64,
    tags: BTreeSet<String>,
    moves: Vec<String>,
    winner: Option<String>,
    #[dynamodel(rename = "note_text")]
    note: String,
}

#[derive(Attribute, Debug, Clone, PartialEq)]
struct Player {
    name: String,
    level: u8,
}

#[derive(Projection, Debug, PartialEq)]
#[dynamodel(projection_of = Game)]
struct Scoreline {
    round: u32,
    score: i64,
    note: String,
}

fn game(round: u32, score: i64) -> Game {
    Game {
        game_id: "g".into(),
        round,
        player: Player {
            name: if round.is_multiple_of(2) {
                "ada".into()
            } else {
                "bob".into()
            },
            level: 3,
        },
        score,
        tags: BTreeSet::from(["ranked".to_owned(), format!("r{round}")]),
        moves: vec!["e4".into(), "e5".into()],
        winner: (round == 3).then(|| "ada".to_owned()),
        note: format!("round {round}"),
    }
}

async fn games() -> dynamodel::Client<dynamodel_local::Engine> {
    let db = client_with::<Game>().await;
    for (round, score) in [(1, 10), (2, 25), (3, 40), (4, 5), (5, 60)] {
        db.put(&game(round, score)).await.unwrap();
    }
    db
}

fn rounds(games: &[Game]) -> Vec<u32> {
    games.iter().map(|g| g.round).collect()
}

#[tokio::test]
async fn filters_select_the_intended_items() {
    let db = games().await;
    let q = || db.query::<Game>("g");
    let cases: Vec<(Vec<u32>, Vec<u32>)> = vec![
        (
            rounds(&q().filter(|g| g.score.gt(20)).all().await.unwrap()),
            vec![2, 3, 5],
        ),
        (
            rounds(&q().filter(|g| g.score.between(10, 40)).all().await.unwrap()),
            vec![1, 2, 3],
        ),
        (
            rounds(&q().filter(|g| g.winner.exists()).all().await.unwrap()),
            vec![3],
        ),
        (
            rounds(
                &q().filter(|g| g.winner.not_exists().and(g.score.lt(20)))
                    .all()
                    .await
                    .unwrap(),
            ),
            vec![1, 4],
        ),
        (
            rounds(
                &q().filter(|g| g.player.fields().name.eq("ada"))
                    .all()
                    .await
                    .unwrap(),
            ),
            vec![2, 4],
        ),
        (
            rounds(
                &q().filter(|g| g.tags.contains("r5".to_owned()))
                    .all()
                    .await
                    .unwrap(),
            ),
            vec![5],
        ),
        (
            rounds(
                &q().filter(|g| g.note.begins_with("round 1"))
                    .all()
                    .await
                    .unwrap(),
            ),
            vec![1],
        ),
        (
            rounds(&q().filter(|g| g.moves.at(1).eq("e5")).all().await.unwrap()),
            vec![1, 2, 3, 4, 5],
        ),
        (
            rounds(
                &q().filter(|g| g.moves.size().eq(2).and(!g.score.is_in([10, 60])))
                    .all()
                    .await
                    .unwrap(),
            ),
            vec![2, 3, 4],
        ),
        (
            rounds(
                &q().filter(|g| g.score.gt(50).or(g.score.lt(6)))
                    .all()
                    .await
                    .unwrap(),
            ),
            vec![4, 5],
        ),
    ];
    for (index, (got, want)) in cases.into_iter().enumerate() {
        assert_eq!(got, want, "case {index}");
    }
}

#[tokio::test]
async fn limit_counts_items_before_the_filter() {
    let db = games().await;
    let page = db
        .query::<Game>("g")
        .limit(2)
        .filter(|g| g.score.gt(100))
        .send()
        .await
        .unwrap();
    assert!(page.items.is_empty());
    assert_eq!((page.count, page.scanned_count), (0, 2));
    assert!(
        page.has_more(),
        "an empty page still carries LastEvaluatedKey"
    );
    let matching = db
        .scan::<Game>()
        .filter(|g| g.score.ge(40))
        .all()
        .await
        .unwrap();
    assert_eq!(matching.len(), 2);
}

#[tokio::test]
async fn create_fails_when_the_item_exists() {
    let db = games().await;
    let error = db.create(&game(1, 0)).await.unwrap_err();
    assert!(error.is_conditional_check_failed(), "{error:?}");
    db.create(&game(9, 0)).await.unwrap();
    assert_eq!(
        db.get(Game::key("g", 9)).await.unwrap().map(|g| g.score),
        Some(0)
    );
}

#[tokio::test]
async fn conditional_put_and_delete_carry_the_old_item_on_failure() {
    let db = games().await;
    let error = db
        .put(&game(2, 99))
        .condition(|g| g.score.lt(20))
        .return_old_on_failure()
        .await
        .unwrap_err();
    assert!(error.is_conditional_check_failed());
    let old: Game = error.old_item().unwrap().unwrap();
    assert_eq!(old.score, 25);

    db.put(&game(2, 99))
        .condition(|g| g.score.eq(25))
        .await
        .unwrap();
    let error = db
        .delete(Game::key("g", 2))
        .condition(|g| g.winner.exists())
        .await
        .unwrap_err();
    assert!(error.is_conditional_check_failed());
    assert!(
        error.old_item::<Game>().is_none(),
        "no item unless asked for"
    );
    db.delete(Game::key("g", 2))
        .condition(|g| g.score.eq(99))
        .await
        .unwrap();
    assert_eq!(db.get(Game::key("g", 2)).await.unwrap(), None);
}

#[tokio::test]
async fn projections_read_only_their_attributes() {
    let db = games().await;
    let line = db
        .get(Game::key("g", 3))
        .project::<Scoreline>()
        .await
        .unwrap();
    assert_eq!(
        line,
        Some(Scoreline {
            round: 3,
            score: 40,
            note: "round 3".into()
        })
    );
    let lines = db
        .query::<Game>("g")
        .sort_ge(4)
        .project::<Scoreline>()
        .all()
        .await
        .unwrap();
    assert_eq!(lines.iter().map(|l| l.score).collect::<Vec<_>>(), [5, 60]);
    let scanned = db
        .scan::<Game>()
        .project::<Scoreline>()
        .all()
        .await
        .unwrap();
    assert_eq!(scanned.len(), 5);
}

#[tokio::test]
async fn updates_apply_every_action() {
    use dynamodel::Update;
    let db = games().await;
    let updated = db
        .update(Game::key("g", 1), |g| {
            Update::new()
                .increment(g.score.clone(), 5)
                .append(g.moves.clone(), ["d4".to_owned()])
                .add_members(g.tags, ["hot".to_owned()])
                .set(g.winner, "bob")
                .set(g.player.fields().level, 4)
        })
        .return_new()
        .await
        .unwrap();
    assert_eq!(updated.score, 15);
    // ADD and DELETE of one path in one update is a DynamoDB error: a second update.
    let updated = db
        .update(Game::key("g", 1), |g| {
            Update::new().delete_members(g.tags, ["r1".to_owned()])
        })
        .return_new()
        .await
        .unwrap();
    assert_eq!(updated.moves, ["e4", "e5", "d4"]);
    assert_eq!(
        updated.tags,
        BTreeSet::from(["hot".to_owned(), "ranked".to_owned()])
    );
    assert_eq!(updated.winner.as_deref(), Some("bob"));
    assert_eq!(updated.player.level, 4);

    let old = db
        .update(Game::key("g", 1), |g| {
            Update::new().remove(g.winner).remove_element(g.moves.at(0))
        })
        .return_old()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.winner.as_deref(), Some("bob"));
    let now = db.get(Game::key("g", 1)).await.unwrap().unwrap();
    assert_eq!(
        (now.winner, now.moves),
        (None, vec!["e5".to_owned(), "d4".to_owned()])
    );
}

#[tokio::test]
async fn update_requires_the_item_and_upsert_creates_it() {
    use dynamodel::Update;

    #[derive(Table, Debug, PartialEq)]
    #[dynamodel(table = "counters")]
    struct Counter {
        #[dynamodel(partition_key)]
        name: String,
        #[dynamodel(default)]
        hits: u64,
        last: Option<String>,
    }

    let db = client_with::<Counter>().await;
    let error = db
        .update(Counter::key("home"), |c| Update::new().add(c.hits, 1))
        .await
        .unwrap_err();
    assert!(error.is_conditional_check_failed(), "{error:?}");
    assert_eq!(db.get(Counter::key("home")).await.unwrap(), None);

    for _ in 0..3 {
        db.upsert(Counter::key("home"), |c| Update::new().add(c.hits, 1))
            .await
            .unwrap();
    }
    let counter = db.get(Counter::key("home")).await.unwrap().unwrap();
    assert_eq!(counter.hits, 3);

    let error = db
        .update(Counter::key("home"), |c| Update::new().set(c.last, "x"))
        .condition(|c| c.hits.gt(10))
        .return_old_on_failure()
        .await
        .unwrap_err();
    assert_eq!(error.old_item::<Counter>().unwrap().unwrap().hits, 3);
}

#[tokio::test]
async fn concurrent_counter_updates_lose_nothing() {
    use dynamodel::Update;
    let db = std::sync::Arc::new(games().await);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..25 {
                db.update(Game::key("g", 4), |g| Update::new().add(g.score, 1))
                    .await
                    .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let game = db.get(Game::key("g", 4)).await.unwrap().unwrap();
    assert_eq!(game.score, 5 + 200);
}
