package org.eprescription.query.support;

import org.axonframework.common.Registration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class FollowersTest {

    private final Followers<String, Integer> followers = new Followers<>();

    @Test
    void anUpdateReachesTheFollowersOfItsKeysOnly() {
        List<Integer> ofA = new ArrayList<>();
        List<Integer> ofB = new ArrayList<>();
        List<Integer> ofC = new ArrayList<>();
        followers.follow("a", ofA::add);
        followers.follow("b", ofB::add);
        followers.follow("c", ofC::add);

        followers.tell(List.of("a", "b"), 1);

        assertThat(ofA).containsExactly(1);
        assertThat(ofB).containsExactly(1);
        assertThat(ofC).isEmpty();
    }

    @Test
    void aCancelledFollowerHearsNothingMoreAndLeavesNoEntryBehind() {
        List<Integer> heard = new ArrayList<>();
        List<Integer> stays = new ArrayList<>();
        Registration leaving = followers.follow("a", heard::add);
        followers.follow("a", stays::add);
        followers.tell(List.of("a"), 1);

        leaving.cancel();
        followers.tell(List.of("a"), 2);

        assertThat(heard).containsExactly(1);
        assertThat(stays).containsExactly(1, 2);
        assertThat(followers.count()).isEqualTo(1);
        assertThat(followers.followsAny(List.of("a"))).isTrue();
        followers.follow("b", heard::add).cancel();
        assertThat(followers.followsAny(List.of("b"))).isFalse();
    }

    /** What a follower of "a" hears of {@code updates}, told inside a unit of work that {@code ends}. */
    private List<Integer> heardOfUnitOfWork(Consumer<UnitOfWork<?>> ends, Integer... updates) {
        List<Integer> heard = new ArrayList<>();
        followers.follow("a", heard::add);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        for (Integer update : updates) {
            followers.tell(List.of("a"), update);
        }
        assertThat(heard).as("nothing before the unit of work ends").isEmpty();
        ends.accept(unitOfWork);
        return heard;
    }

    @Test
    void insideAUnitOfWorkTheUpdatesWaitForTheCommitAndKeepTheirOrder() {
        assertThat(heardOfUnitOfWork(UnitOfWork::commit, 1, 2, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void aRolledBackUnitOfWorkTellsNothing() {
        assertThat(heardOfUnitOfWork(UnitOfWork::rollback, 1)).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotKeepTheUpdateFromTheOthers() {
        List<Integer> heard = new ArrayList<>();
        followers.follow("a", update -> {
            throw new IllegalStateException("listener broke");
        });
        followers.follow("b", heard::add);

        followers.tell(List.of("a", "b"), 1);

        assertThat(heard).containsExactly(1);
    }
}
